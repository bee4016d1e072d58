variable "vpc_id" {
  type = string
}

resource "aws_vpc" "main" { # unknown: aws-vpc-flow-logs-disabled
  cidr_block = "10.0.0.0/16"
}

resource "aws_flow_log" "some" {
  vpc_id               = var.vpc_id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::acme-flow-logs"
}
