resource "aws_opensearch_domain" "this" {
  domain_name    = "search"
  engine_version = "OpenSearch_2.13"
  node_to_node_encryption {
    enabled = true
  }
}
