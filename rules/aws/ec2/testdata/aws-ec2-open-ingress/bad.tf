resource "aws_security_group" "web" {
  name   = "web"
  vpc_id = "vpc-0123456789abcdef0"

  ingress {
    description = "SSH from anywhere"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"] # want: aws-ec2-open-ingress
  }

  ingress {
    from_port        = 443
    to_port          = 443
    protocol         = "tcp"
    ipv6_cidr_blocks = ["::/0"] # want: aws-ec2-open-ingress
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "rdp" {
  type              = "ingress"
  from_port         = 3389
  to_port           = 3389
  protocol          = "tcp"
  cidr_blocks       = ["10.0.0.0/8", "0.0.0.0/0"] # want: aws-ec2-open-ingress
  security_group_id = aws_security_group.web.id
}

resource "aws_vpc_security_group_ingress_rule" "everything" {
  security_group_id = aws_security_group.web.id
  cidr_ipv4         = "0.0.0.0/0" # want: aws-ec2-open-ingress
  ip_protocol       = "-1"
}

variable "office_cidr" {
  default = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "office" {
  security_group_id = aws_security_group.web.id
  cidr_ipv4         = var.office_cidr # want: aws-ec2-open-ingress
  from_port         = 8080
  to_port           = 8090
  ip_protocol       = "tcp"
}
