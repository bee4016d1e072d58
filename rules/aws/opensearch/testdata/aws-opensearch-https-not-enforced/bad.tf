resource "aws_opensearch_domain" "default" { # want: aws-opensearch-https-not-enforced "plain HTTP"
  domain_name    = "search"
  engine_version = "OpenSearch_2.13"
}

resource "aws_elasticsearch_domain" "off" {
  domain_name           = "legacy"
  elasticsearch_version = "7.10"
  domain_endpoint_options {
    enforce_https       = false # want: aws-opensearch-https-not-enforced
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
  }
}
