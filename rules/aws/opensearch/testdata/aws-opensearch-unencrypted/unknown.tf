variable "encrypted" {
  type = bool
}

resource "aws_opensearch_domain" "this" {
  domain_name    = "search"
  engine_version = "OpenSearch_2.13"
  encrypt_at_rest {
    enabled = var.encrypted # unknown: aws-opensearch-unencrypted
  }
}
