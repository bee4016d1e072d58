resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_default_security_group" "main" {
  vpc_id = aws_vpc.main.id
  ingress { # want: aws-ec2-default-security-group-open
    protocol  = -1
    self      = true
    from_port = 0
    to_port   = 0
  }
  egress { # want: aws-ec2-default-security-group-open
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_vpc_security_group_ingress_rule" "https" {
  security_group_id = aws_vpc.main.default_security_group_id # want: aws-ec2-default-security-group-open
  cidr_ipv4         = "10.0.0.0/8"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}
