variable "subnet_ids" {
  type    = list(string)
  default = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

resource "aws_lb" "internal" {
  name     = "internal"
  internal = true
  subnets  = var.subnet_ids
}

# Gateway Load Balancers have no scheme.
resource "aws_lb" "gateway" {
  name               = "gateway"
  load_balancer_type = "gateway"
  subnets            = var.subnet_ids
}

resource "aws_elb" "classic" {
  name               = "classic"
  internal           = true
  availability_zones = ["eu-west-1a"]
  listener {
    instance_port     = 443
    instance_protocol = "tcp"
    lb_port           = 443
    lb_protocol       = "tcp"
  }
}
