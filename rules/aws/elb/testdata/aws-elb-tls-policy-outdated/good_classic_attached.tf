resource "aws_elb" "legacy" {
  name               = "legacy"
  availability_zones = ["eu-west-1a", "eu-west-1b"]

  listener {
    instance_port      = 8080
    instance_protocol  = "http"
    lb_port            = 443
    lb_protocol        = "https"
    ssl_certificate_id = "arn:aws:acm:eu-west-1:111122223333:certificate/abcd"
  }
}

resource "aws_load_balancer_policy" "tls12" {
  load_balancer_name = aws_elb.legacy.name
  policy_name        = "tls12"
  policy_type_name   = "SSLNegotiationPolicyType"

  policy_attribute {
    name  = "Reference-Security-Policy"
    value = "ELBSecurityPolicy-TLS-1-2-2017-01"
  }
}

resource "aws_load_balancer_listener_policy" "legacy_443" {
  load_balancer_name = aws_elb.legacy.name
  load_balancer_port = 443
  policy_names       = [aws_load_balancer_policy.tls12.policy_name]
}
