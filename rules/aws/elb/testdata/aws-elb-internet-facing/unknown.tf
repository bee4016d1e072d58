variable "subnet_ids" {
  type    = list(string)
  default = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

variable "internal" {
  type = bool
}

variable "type" {
  type = string
}

resource "aws_lb" "scheme" {
  name     = "scheme"
  internal = var.internal # unknown: aws-elb-internet-facing
  subnets  = var.subnet_ids
}

resource "aws_lb" "type" { # unknown: aws-elb-internet-facing "type of"
  name               = "type"
  load_balancer_type = var.type
  subnets            = var.subnet_ids
}
