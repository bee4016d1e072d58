variable "subnet_ids" {
  type    = list(string)
  default = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

variable "drop_invalid" {
  type = bool
}

variable "type" {
  type = string
}

resource "aws_lb" "setting" {
  name                       = "setting"
  subnets                    = var.subnet_ids
  drop_invalid_header_fields = var.drop_invalid # unknown: aws-elb-invalid-headers-not-dropped
}

resource "aws_lb" "type" { # unknown: aws-elb-invalid-headers-not-dropped "type of"
  name               = "type"
  load_balancer_type = var.type
  subnets            = var.subnet_ids
}
