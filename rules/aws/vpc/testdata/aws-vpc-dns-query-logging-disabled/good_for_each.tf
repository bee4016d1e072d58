variable "vpc_cidrs" {
  type = map(string)
  default = {
    prod = "10.0.0.0/16"
    dev  = "10.1.0.0/16"
  }
}

resource "aws_vpc" "this" {
  for_each   = var.vpc_cidrs
  cidr_block = each.value
}

resource "aws_route53_resolver_query_log_config" "this" {
  name            = "vpc-dns"
  destination_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:/dns/queries"
}

resource "aws_route53_resolver_query_log_config_association" "this" {
  for_each                     = var.vpc_cidrs
  resolver_query_log_config_id = aws_route53_resolver_query_log_config.this.id
  resource_id                  = aws_vpc.this[each.key].id
}
