variable "allowed_cidrs" {
  type = list(string)
}

resource "aws_security_group" "api" {
  name = "api"

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = var.allowed_cidrs # unknown: aws-ec2-open-ingress
  }
}

variable "rule_cidr" {
  type = string
}

resource "aws_vpc_security_group_ingress_rule" "api" {
  security_group_id = aws_security_group.api.id
  cidr_ipv4         = var.rule_cidr # unknown: aws-ec2-open-ingress
  from_port         = 8443
  to_port           = 8443
  ip_protocol       = "tcp"
}
