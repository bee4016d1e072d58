# An HTTPS listener of a Classic Load Balancer without a negotiation policy
# gets ELBSecurityPolicy-2016-08, which accepts TLS 1.0 and 1.1.
resource "aws_elb" "legacy" {
  name               = "legacy"
  availability_zones = ["eu-west-1a", "eu-west-1b"]

  listener {
    instance_port     = 8080
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "http"
  }

  listener { # want: aws-elb-tls-policy-outdated
    instance_port      = 8080
    instance_protocol  = "http"
    lb_port            = 443
    lb_protocol        = "https"
    ssl_certificate_id = "arn:aws:acm:eu-west-1:111122223333:certificate/abcd"
  }
}

# A policy attached to another load balancer does not count.
resource "aws_elb" "other" {
  name               = "other"
  availability_zones = ["eu-west-1a"]

  listener {
    instance_port      = 8443
    instance_protocol  = "https"
    lb_port            = 443
    lb_protocol        = "https"
    ssl_certificate_id = "arn:aws:acm:eu-west-1:111122223333:certificate/efgh"
  }
}

resource "aws_load_balancer_policy" "tls12" {
  load_balancer_name = aws_elb.other.name
  policy_name        = "tls12"
  policy_type_name   = "SSLNegotiationPolicyType"

  policy_attribute {
    name  = "Reference-Security-Policy"
    value = "ELBSecurityPolicy-TLS-1-2-2017-01"
  }
}

resource "aws_load_balancer_listener_policy" "other_443" {
  load_balancer_name = aws_elb.other.name
  load_balancer_port = 443
  policy_names       = [aws_load_balancer_policy.tls12.policy_name]
}
