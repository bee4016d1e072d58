resource "aws_security_group" "app" {
  name        = "app"
  description = "Application servers"
  vpc_id      = "vpc-0a1b2c3d"

  ingress { # want: aws-ec2-security-group-rule-no-description "ingress rule of security group aws_security_group.app has no description"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }

  egress {
    description = "" # want: aws-ec2-security-group-rule-no-description "egress rule of security group aws_security_group.app"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "postgres" { # want: aws-ec2-security-group-rule-no-description "ingress rule aws_security_group_rule.postgres has no description"
  type                     = "ingress"
  security_group_id        = aws_security_group.app.id
  protocol                 = "tcp"
  from_port                = 5432
  to_port                  = 5432
  source_security_group_id = "sg-0a1b2c3d4e5f60718"
}

resource "aws_vpc_security_group_egress_rule" "dns" { # want: aws-ec2-security-group-rule-no-description "egress rule aws_vpc_security_group_egress_rule.dns has no description"
  security_group_id = aws_security_group.app.id
  cidr_ipv4         = "10.0.0.2/32"
  from_port         = 53
  to_port           = 53
  ip_protocol       = "udp"
}
