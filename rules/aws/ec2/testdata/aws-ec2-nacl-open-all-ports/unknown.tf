variable "source_cidr" {
  type = string
}

variable "protocol" {
  type = string
}

resource "aws_network_acl_rule" "from_var" {
  network_acl_id = "acl-0a1b2c3d"
  rule_number    = 100
  egress         = false
  protocol       = "-1"
  rule_action    = "allow"
  cidr_block     = var.source_cidr # unknown: aws-ec2-nacl-open-all-ports
}

resource "aws_network_acl_rule" "protocol_from_var" {
  network_acl_id = "acl-0a1b2c3d"
  rule_number    = 110
  egress         = false
  protocol       = var.protocol
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0" # unknown: aws-ec2-nacl-open-all-ports
  from_port      = 0
  to_port        = 65535
}
