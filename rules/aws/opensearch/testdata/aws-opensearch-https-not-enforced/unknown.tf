variable "https" {
  type = bool
}

resource "aws_opensearch_domain" "this" {
  domain_name    = "search"
  engine_version = "OpenSearch_2.13"
  domain_endpoint_options {
    enforce_https = var.https # unknown: aws-opensearch-https-not-enforced
  }
}
