# The guardrail exists but where it is attached depends on a variable.
variable "guardrail_target" {
  type = string
}

resource "aws_organizations_organization" "this" { # unknown: aws-org-leave-organization-allowed
  feature_set = "ALL"
}

resource "aws_organizations_policy" "deny_leave" {
  name = "deny-leave"
  content = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Action = "organizations:LeaveOrganization", Resource = "*" }]
  })
}

resource "aws_organizations_policy_attachment" "deny_leave" {
  policy_id = aws_organizations_policy.deny_leave.id
  target_id = var.guardrail_target
}
