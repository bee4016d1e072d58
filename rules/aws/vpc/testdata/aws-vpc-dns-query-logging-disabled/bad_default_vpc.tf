resource "aws_default_vpc" "default" { # want: aws-vpc-dns-query-logging-disabled
  enable_dns_hostnames = true
}
