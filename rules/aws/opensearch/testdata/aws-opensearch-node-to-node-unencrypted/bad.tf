resource "aws_opensearch_domain" "default" { # want: aws-opensearch-node-to-node-unencrypted "between its nodes"
  domain_name    = "search"
  engine_version = "OpenSearch_2.13"
}

resource "aws_elasticsearch_domain" "legacy" {
  domain_name           = "legacy"
  elasticsearch_version = "7.10"
  node_to_node_encryption {
    enabled = false # want: aws-opensearch-node-to-node-unencrypted
  }
}
