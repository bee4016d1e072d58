variable "vpc_id" {
  type = string
}

resource "aws_vpc" "main" { # unknown: aws-vpc-dns-query-logging-disabled
  cidr_block = "10.0.0.0/16"
}

resource "aws_route53_resolver_query_log_config_association" "some" {
  resolver_query_log_config_id = "rqlc-0a1b2c3d"
  resource_id                  = var.vpc_id
}
