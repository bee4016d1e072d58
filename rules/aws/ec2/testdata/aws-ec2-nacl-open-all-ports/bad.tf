resource "aws_network_acl" "public" {
  vpc_id = "vpc-0a1b2c3d"

  ingress { # want: aws-ec2-nacl-open-all-ports `network ACL entry of aws_network_acl.public allows all inbound traffic from the internet \(0.0.0.0/0, all protocols\)`
    protocol   = "-1"
    rule_no    = 100
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }

  # Outbound allow-all is how a stateless ACL lets responses out.
  egress {
    protocol   = "-1"
    rule_no    = 100
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }
}

resource "aws_network_acl" "app" {
  vpc_id = "vpc-0a1b2c3d"
}

# Ports on an all-protocol entry are ignored by AWS.
resource "aws_network_acl_rule" "all_but_says_http" {
  network_acl_id = aws_network_acl.app.id
  rule_number    = 100
  egress         = false
  protocol       = "all"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0" # want: aws-ec2-nacl-open-all-ports
  from_port      = 80
  to_port        = 80
}

resource "aws_network_acl_rule" "every_tcp_port" {
  network_acl_id  = aws_network_acl.app.id
  rule_number     = 110
  egress          = false
  protocol        = "tcp"
  rule_action     = "allow"
  ipv6_cidr_block = "::/0" # want: aws-ec2-nacl-open-all-ports "all TCP ports"
  from_port       = 0
  to_port         = 65535
}
