resource "aws_default_vpc" "default" { # want: aws-vpc-default-vpc-used "aws_default_vpc.default adopts the region's default VPC"
  tags = {
    Name = "Default VPC"
  }
}

resource "aws_flow_log" "default" {
  vpc_id               = aws_default_vpc.default.id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::flow-logs-111122223333"
}
