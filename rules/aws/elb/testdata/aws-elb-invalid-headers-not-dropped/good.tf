variable "subnet_ids" {
  type    = list(string)
  default = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

resource "aws_lb" "app" {
  name                       = "app"
  subnets                    = var.subnet_ids
  drop_invalid_header_fields = true
}

# Network and Gateway Load Balancers do not parse HTTP.
resource "aws_lb" "network" {
  name               = "network"
  load_balancer_type = "network"
  subnets            = var.subnet_ids
}

resource "aws_lb" "gateway" {
  name               = "gateway"
  load_balancer_type = "gateway"
  subnets            = var.subnet_ids
}

# Classic Load Balancers have no such attribute.
resource "aws_elb" "classic" {
  name               = "classic"
  availability_zones = ["eu-west-1a"]
  listener {
    instance_port     = 80
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "http"
  }
}
