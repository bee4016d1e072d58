variable "allow_internal" {
  type = bool
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_default_security_group" "main" {
  vpc_id = aws_vpc.main.id
  dynamic "ingress" { # unknown: aws-ec2-default-security-group-open
    for_each = var.allow_internal ? ["10.0.0.0/8"] : []
    content {
      protocol    = "-1"
      from_port   = 0
      to_port     = 0
      cidr_blocks = [ingress.value]
    }
  }
}
