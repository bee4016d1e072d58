variable "load_balancer_name" {
  type = string
}

resource "aws_elb" "legacy" {
  name               = "legacy"
  availability_zones = ["eu-west-1a", "eu-west-1b"]

  listener { # unknown: aws-elb-tls-policy-outdated
    instance_port      = 8080
    instance_protocol  = "http"
    lb_port            = 443
    lb_protocol        = "https"
    ssl_certificate_id = "arn:aws:acm:eu-west-1:111122223333:certificate/abcd"
  }
}

# Whether this attaches to aws_elb.legacy depends on the variable.
resource "aws_load_balancer_listener_policy" "https" {
  load_balancer_name = var.load_balancer_name
  load_balancer_port = 443
  policy_names       = ["ELBSecurityPolicy-TLS-1-2-2017-01"]
}
