# The module that has not been downloaded is given another VPC's ID.
resource "aws_vpc" "main" { # want: aws-vpc-flow-logs-disabled
  cidr_block = "10.0.0.0/16"
}

module "flow_logs" {
  source = "acme/vpc-flow-logs/aws"
  vpc_id = "vpc-0123456789abcdef0"
}
