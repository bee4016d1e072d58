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

resource "aws_load_balancer_policy" "reference" {
  load_balancer_name = aws_elb.legacy.name
  policy_name        = "tls12"
  policy_type_name   = "SSLNegotiationPolicyType"

  policy_attribute {
    name  = "Reference-Security-Policy"
    value = "ELBSecurityPolicy-TLS-1-2-2017-01"
  }
}

resource "aws_lb_ssl_negotiation_policy" "explicit" {
  name          = "tls12-only"
  load_balancer = aws_elb.legacy.id
  lb_port       = 443

  attribute {
    name  = "Protocol-TLSv1"
    value = "false"
  }
  attribute {
    name  = "Protocol-TLSv1.1"
    value = "false"
  }
  attribute {
    name  = "Protocol-TLSv1.2"
    value = "true"
  }
}

# Not a negotiation policy.
resource "aws_load_balancer_policy" "proxy" {
  load_balancer_name = aws_elb.legacy.name
  policy_name        = "proxy-protocol"
  policy_type_name   = "ProxyProtocolPolicyType"

  policy_attribute {
    name  = "ProxyProtocol"
    value = "true"
  }
}
