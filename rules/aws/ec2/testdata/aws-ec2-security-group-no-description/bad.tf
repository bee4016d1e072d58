resource "aws_security_group" "app" { # want: aws-ec2-security-group-no-description "security group aws_security_group.app has no description of its purpose"
  name   = "app"
  vpc_id = "vpc-0a1b2c3d"
}

resource "aws_security_group" "spelled_out" {
  name        = "spelled-out"
  description = "Managed by Terraform" # want: aws-ec2-security-group-no-description
  vpc_id      = "vpc-0a1b2c3d"
}

resource "aws_security_group" "blank" {
  name        = "blank"
  description = "" # want: aws-ec2-security-group-no-description
  vpc_id      = "vpc-0a1b2c3d"
}
