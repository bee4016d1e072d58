variable "description" {
  type = string
}

resource "aws_security_group" "app" {
  name        = "app"
  description = var.description # unknown: aws-ec2-security-group-no-description
  vpc_id      = "vpc-0a1b2c3d"
}
