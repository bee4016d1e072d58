resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_route53_resolver_query_log_config" "this" {
  name            = "vpc-dns"
  destination_arn = "arn:aws:s3:::acme-dns-logs"
}

resource "aws_route53_resolver_query_log_config_association" "main" {
  resolver_query_log_config_id = aws_route53_resolver_query_log_config.this.id
  resource_id                  = aws_vpc.main.id
}
