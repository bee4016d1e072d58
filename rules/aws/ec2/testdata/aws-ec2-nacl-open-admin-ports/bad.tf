resource "aws_network_acl" "public" {
  vpc_id = "vpc-0a1b2c3d"
  ingress { # want: aws-ec2-nacl-open-admin-ports
    protocol   = "tcp"
    rule_no    = 100
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 22
    to_port    = 22
  }
}

resource "aws_network_acl_rule" "rdp" {
  network_acl_id = aws_network_acl.public.id
  rule_number    = 110
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0" # want: aws-ec2-nacl-open-admin-ports
  from_port      = 3000
  to_port        = 4000
}

resource "aws_network_acl_rule" "all" {
  network_acl_id  = aws_network_acl.public.id
  rule_number     = 120
  protocol        = "-1"
  rule_action     = "allow"
  ipv6_cidr_block = "::/0" # want: aws-ec2-nacl-open-admin-ports
}

# Adopting the default ACL with AWS's own allow-all entries keeps them.
resource "aws_default_network_acl" "default" {
  default_network_acl_id = "acl-0a1b2c3d4e5f60718"

  ingress { # want: aws-ec2-nacl-open-admin-ports
    protocol   = -1
    rule_no    = 100
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }

  egress {
    protocol   = -1
    rule_no    = 100
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }
}
