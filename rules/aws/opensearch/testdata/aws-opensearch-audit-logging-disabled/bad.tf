resource "aws_opensearch_domain" "none" { # want: aws-opensearch-audit-logging-disabled "audit logs"
  domain_name    = "search"
  engine_version = "OpenSearch_2.13"
}

resource "aws_opensearch_domain" "errors_only" { # want: aws-opensearch-audit-logging-disabled
  domain_name    = "logs"
  engine_version = "OpenSearch_2.13"
  log_publishing_options {
    log_type                 = "ES_APPLICATION_LOGS"
    cloudwatch_log_group_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:search-errors"
  }
}

resource "aws_elasticsearch_domain" "disabled" {
  domain_name           = "legacy"
  elasticsearch_version = "7.10"
  log_publishing_options {
    log_type                 = "AUDIT_LOGS"
    cloudwatch_log_group_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:legacy-audit"
    enabled                  = false # want: aws-opensearch-audit-logging-disabled
  }
}
