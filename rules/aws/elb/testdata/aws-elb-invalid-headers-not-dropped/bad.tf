variable "subnet_ids" {
  type    = list(string)
  default = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

resource "aws_lb" "default" { # want: aws-elb-invalid-headers-not-dropped
  name    = "default"
  subnets = var.subnet_ids
}

resource "aws_lb" "explicit" {
  name                       = "explicit"
  load_balancer_type         = "application"
  subnets                    = var.subnet_ids
  drop_invalid_header_fields = false # want: aws-elb-invalid-headers-not-dropped
}

resource "aws_alb" "legacy" { # want: aws-elb-invalid-headers-not-dropped
  name    = "legacy"
  subnets = var.subnet_ids
}
