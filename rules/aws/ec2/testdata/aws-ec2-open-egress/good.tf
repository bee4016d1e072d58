resource "aws_security_group" "app" {
  name        = "app"
  description = "Application servers"
  vpc_id      = "vpc-0a1b2c3d"

  egress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  # Everything, but only inside the VPC.
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["10.0.0.0/16"]
  }
}

resource "aws_security_group" "db_clients" {
  name        = "db-clients"
  description = "Clients of the database"
  vpc_id      = "vpc-0a1b2c3d"
}

resource "aws_vpc_security_group_egress_rule" "to_database" {
  security_group_id            = aws_security_group.db_clients.id
  referenced_security_group_id = "sg-0a1b2c3d4e5f60718"
  ip_protocol                  = "-1"
}

# The default group's rules are aws-ec2-default-security-group-open's.
resource "aws_default_security_group" "default" {
  vpc_id = "vpc-0a1b2c3d"

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# All traffic in from the internet is aws-ec2-open-ingress's.
resource "aws_security_group_rule" "in" {
  type              = "ingress"
  security_group_id = aws_security_group.app.id
  protocol          = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_blocks       = ["10.0.0.0/8"]
}

# A rule added to a VPC's default group is also aws-ec2-default-security-group-open's.
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_vpc_security_group_egress_rule" "default_all" {
  security_group_id = aws_vpc.main.default_security_group_id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}
