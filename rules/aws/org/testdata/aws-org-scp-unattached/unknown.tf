variable "attach_guardrails" {
  type = bool
}

resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

resource "aws_organizations_policy" "guardrails" { # unknown: aws-org-scp-unattached
  name = "guardrails"
  content = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Action = "organizations:LeaveOrganization", Resource = "*" }]
  })
}

resource "aws_organizations_policy_attachment" "guardrails" {
  count     = var.attach_guardrails ? 1 : 0
  policy_id = aws_organizations_policy.guardrails.id
  target_id = aws_organizations_organization.this.roots[0].id
}
