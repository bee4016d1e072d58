# A separate root module manages the guardrails of an existing
# organisation, found through the data source.
data "aws_organizations_organization" "current" {}

resource "aws_organizations_policy" "deny_leave" {
  name = "deny-leave"
  content = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Action = "organizations:LeaveOrganization", Resource = "*" }]
  })
}

resource "aws_organizations_policy_attachment" "root" {
  policy_id = aws_organizations_policy.deny_leave.id
  target_id = data.aws_organizations_organization.current.roots[0].id
}
