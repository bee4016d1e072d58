variable "log_dns_queries" {
  type = bool
}

resource "aws_vpc" "main" { # want: aws-vpc-dns-query-logging-disabled
  cidr_block = "10.0.0.0/16"
}

resource "aws_route53_resolver_query_log_config" "this" {
  count           = var.log_dns_queries ? 1 : 0
  name            = "vpc-dns"
  destination_arn = "arn:aws:s3:::acme-dns-logs"
}

resource "aws_route53_resolver_query_log_config_association" "main" {
  count                        = var.log_dns_queries ? 1 : 0
  resolver_query_log_config_id = aws_route53_resolver_query_log_config.this[0].id
  resource_id                  = aws_vpc.main.id
}
