resource "aws_default_vpc" "default" { # want: aws-vpc-flow-logs-disabled
  tags = {
    Name = "Default VPC"
  }
}
