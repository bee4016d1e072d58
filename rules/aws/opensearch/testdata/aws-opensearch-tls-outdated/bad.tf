resource "aws_opensearch_domain" "default" { # want: aws-opensearch-tls-outdated "default TLS security policy"
  domain_name    = "search"
  engine_version = "OpenSearch_2.13"
}

resource "aws_elasticsearch_domain" "explicit" {
  domain_name           = "legacy"
  elasticsearch_version = "7.10"
  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-0-2019-07" # want: aws-opensearch-tls-outdated "Policy-Min-TLS-1-0-2019-07"
  }
}
