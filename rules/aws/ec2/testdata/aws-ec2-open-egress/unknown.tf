variable "egress_cidrs" {
  type = list(string)
}

variable "rule_type" {
  type = string
}

variable "protocol" {
  type = string
}

resource "aws_security_group" "app" {
  name        = "app"
  description = "Application servers"
  vpc_id      = "vpc-0a1b2c3d"

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = var.egress_cidrs # unknown: aws-ec2-open-egress
  }

  egress {
    from_port   = 0
    to_port     = 65535
    protocol    = var.protocol
    cidr_blocks = ["0.0.0.0/0"] # unknown: aws-ec2-open-egress
  }
}

resource "aws_security_group_rule" "either_way" { # unknown: aws-ec2-open-egress
  type              = var.rule_type
  security_group_id = aws_security_group.app.id
  protocol          = "-1"
  from_port         = 0
  to_port           = 0
  cidr_blocks       = ["0.0.0.0/0"]
}
