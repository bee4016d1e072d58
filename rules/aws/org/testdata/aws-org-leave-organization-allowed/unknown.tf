# The SCP's text comes from a variable with no value.
variable "guardrails_json" {
  type = string
}

resource "aws_organizations_organization" "this" { # unknown: aws-org-leave-organization-allowed
  feature_set = "ALL"
}

resource "aws_organizations_policy" "guardrails" {
  name    = "guardrails"
  content = var.guardrails_json
}

resource "aws_organizations_policy_attachment" "root" {
  policy_id = aws_organizations_policy.guardrails.id
  target_id = aws_organizations_organization.this.roots[0].id
}
