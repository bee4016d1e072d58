variable "log_types" {
  type = set(string)
}

resource "aws_opensearch_domain" "this" {
  domain_name    = "search"
  engine_version = "OpenSearch_2.13"
  dynamic "log_publishing_options" { # unknown: aws-opensearch-audit-logging-disabled
    for_each = var.log_types
    content {
      log_type                 = log_publishing_options.value
      cloudwatch_log_group_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:search"
    }
  }
}
