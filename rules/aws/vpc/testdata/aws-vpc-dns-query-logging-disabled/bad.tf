resource "aws_vpc" "main" { # want: aws-vpc-dns-query-logging-disabled
  cidr_block = "10.0.0.0/16"
}
