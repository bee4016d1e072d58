# The VPC is given to a module that has not been downloaded: it may
# associate a Route 53 Resolver query log configuration with it.
resource "aws_vpc" "main" { # unknown: aws-vpc-dns-query-logging-disabled
  cidr_block = "10.0.0.0/16"
}

module "dns_logging" {
  source  = "acme/resolver-query-logging/aws"
  vpc_ids = [aws_vpc.main.id]
}
