variable "adopt_default_vpc" {
  type = bool
}

resource "aws_default_vpc" "default" { # unknown: aws-vpc-default-vpc-used
  count = var.adopt_default_vpc ? 1 : 0
}
