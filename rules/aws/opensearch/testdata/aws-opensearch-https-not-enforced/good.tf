resource "aws_opensearch_domain" "explicit" {
  domain_name    = "search"
  engine_version = "OpenSearch_2.13"
  domain_endpoint_options {
    enforce_https = true
  }
}

# The provider turns enforce_https on when the block is written.
resource "aws_opensearch_domain" "provider_default" {
  domain_name    = "logs"
  engine_version = "OpenSearch_2.13"
  domain_endpoint_options {
    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"
  }
}
