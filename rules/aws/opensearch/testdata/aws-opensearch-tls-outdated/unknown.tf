variable "tls_policy" {
  type = string
}

resource "aws_opensearch_domain" "this" {
  domain_name    = "search"
  engine_version = "OpenSearch_2.13"
  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = var.tls_policy # unknown: aws-opensearch-tls-outdated
  }
}
