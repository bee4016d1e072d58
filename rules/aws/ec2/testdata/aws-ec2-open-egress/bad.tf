resource "aws_security_group" "app" {
  name        = "app"
  description = "Application servers"
  vpc_id      = "vpc-0a1b2c3d"

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"] # want: aws-ec2-open-egress `security group aws_security_group.app allows egress to the internet \(0.0.0.0/0\) on all ports and protocols`
  }
}

resource "aws_security_group" "batch" {
  name        = "batch"
  description = "Batch workers"
  vpc_id      = "vpc-0a1b2c3d"
}

resource "aws_vpc_security_group_egress_rule" "batch_all_v6" {
  security_group_id = aws_security_group.batch.id
  cidr_ipv6         = "::/0" # want: aws-ec2-open-egress "rule aws_vpc_security_group_egress_rule.batch_all_v6 of security group aws_security_group.batch"
  ip_protocol       = "-1"
}

resource "aws_security_group_rule" "batch_all_tcp" {
  type              = "egress"
  security_group_id = aws_security_group.batch.id
  protocol          = "tcp"
  from_port         = 0
  to_port           = 65535
  cidr_blocks       = ["0.0.0.0/0"] # want: aws-ec2-open-egress "all tcp ports"
}
