# The VPC is given to a module that has not been downloaded: it may create
# its flow log.
resource "aws_vpc" "main" { # unknown: aws-vpc-flow-logs-disabled
  cidr_block = "10.0.0.0/16"
}

module "flow_logs" {
  source = "acme/vpc-flow-logs/aws"
  vpc_id = aws_vpc.main.id
}
