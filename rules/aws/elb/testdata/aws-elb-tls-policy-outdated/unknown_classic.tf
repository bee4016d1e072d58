variable "reference_policy" {
  type        = string
  description = "Predefined security policy of the legacy load balancer"
}

resource "aws_load_balancer_policy" "reference" {
  load_balancer_name = "legacy"
  policy_name        = "legacy-reference"
  policy_type_name   = "SSLNegotiationPolicyType"

  policy_attribute { # unknown: aws-elb-tls-policy-outdated
    name  = "Reference-Security-Policy"
    value = var.reference_policy
  }
}
