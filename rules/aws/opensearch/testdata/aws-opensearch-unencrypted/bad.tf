resource "aws_opensearch_domain" "default" { # want: aws-opensearch-unencrypted "not encrypted at rest"
  domain_name    = "search"
  engine_version = "OpenSearch_2.13"
}

resource "aws_elasticsearch_domain" "legacy" {
  domain_name           = "legacy"
  elasticsearch_version = "7.10"
  encrypt_at_rest {
    enabled = false # want: aws-opensearch-unencrypted
  }
}
