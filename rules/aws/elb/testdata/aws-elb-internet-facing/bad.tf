variable "subnet_ids" {
  type    = list(string)
  default = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

resource "aws_lb" "default" { # want: aws-elb-internet-facing
  name    = "default"
  subnets = var.subnet_ids
}

resource "aws_lb" "network" {
  name               = "network"
  load_balancer_type = "network"
  internal           = false # want: aws-elb-internet-facing
  subnets            = var.subnet_ids
}

resource "aws_elb" "classic" { # want: aws-elb-internet-facing
  name               = "classic"
  availability_zones = ["eu-west-1a"]
  listener {
    instance_port     = 443
    instance_protocol = "tcp"
    lb_port           = 443
    lb_protocol       = "tcp"
  }
}
