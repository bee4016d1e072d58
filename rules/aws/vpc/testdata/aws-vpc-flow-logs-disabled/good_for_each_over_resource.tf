locals {
  vpcs = {
    prod = "10.0.0.0/16"
    dev  = "10.1.0.0/16"
  }
}

resource "aws_vpc" "this" {
  for_each   = local.vpcs
  cidr_block = each.value
}

resource "aws_flow_log" "this" {
  for_each             = aws_vpc.this
  vpc_id               = each.value.id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::acme-flow-logs"
}
