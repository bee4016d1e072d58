locals {
  vpcs = {
    prod = "10.0.0.0/16"
    dev  = "10.1.0.0/16"
  }
}

resource "aws_vpc" "this" { # want: aws-vpc-flow-logs-disabled
  for_each   = local.vpcs
  cidr_block = each.value
}

# Only the production VPC is logged.
resource "aws_flow_log" "prod" {
  vpc_id               = aws_vpc.this["prod"].id
  traffic_type         = "REJECT"
  log_destination_type = "cloud-watch-logs"
  log_destination      = "arn:aws:logs:eu-west-1:111122223333:log-group:vpc-flow-logs"
  iam_role_arn         = "arn:aws:iam::111122223333:role/flow-logs"
}
