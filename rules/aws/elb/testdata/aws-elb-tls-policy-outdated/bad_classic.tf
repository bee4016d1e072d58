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

# A custom negotiation policy that still enables TLS 1.0.
resource "aws_load_balancer_policy" "tls" {
  load_balancer_name = aws_elb.legacy.name
  policy_name        = "legacy-tls"
  policy_type_name   = "SSLNegotiationPolicyType"

  policy_attribute {
    name  = "ECDHE-RSA-AES128-GCM-SHA256"
    value = "true"
  }
  policy_attribute { # want: aws-elb-tls-policy-outdated
    name  = "Protocol-TLSv1"
    value = "true"
  }
  policy_attribute {
    name  = "Protocol-TLSv1.2"
    value = "true"
  }
}

# A predefined policy from before the TLS 1.2 series.
resource "aws_load_balancer_policy" "reference" {
  load_balancer_name = aws_elb.legacy.name
  policy_name        = "legacy-reference"
  policy_type_name   = "SSLNegotiationPolicyType"

  policy_attribute { # want: aws-elb-tls-policy-outdated
    name  = "Reference-Security-Policy"
    value = "ELBSecurityPolicy-2015-05"
  }
}

resource "aws_lb_ssl_negotiation_policy" "old" {
  name          = "legacy-ssl"
  load_balancer = aws_elb.legacy.id
  lb_port       = 443

  attribute { # want: aws-elb-tls-policy-outdated
    name  = "Protocol-SSLv3"
    value = "true"
  }
  attribute {
    name  = "Protocol-TLSv1.2"
    value = "true"
  }
}
