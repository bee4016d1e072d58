# The organisation has a guardrail SCP, but it is attached to one OU only,
# and it does not deny leaving the organisation anyway.
provider "aws" {
  region = "eu-west-1"
}

resource "aws_organizations_organization" "this" { # want: aws-org-leave-organization-allowed
  feature_set          = "ALL"
  enabled_policy_types = ["SERVICE_CONTROL_POLICY"]
}

resource "aws_organizations_organizational_unit" "workloads" {
  name      = "workloads"
  parent_id = aws_organizations_organization.this.roots[0].id
}

resource "aws_organizations_organizational_unit" "security" {
  name      = "security"
  parent_id = aws_organizations_organization.this.roots[0].id
}

resource "aws_organizations_policy" "deny_leave" {
  name = "deny-leave"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Deny"
      Action   = "organizations:LeaveOrganization"
      Resource = "*"
    }]
  })
}

# Only the workloads OU: the security OU's accounts can still leave.
resource "aws_organizations_policy_attachment" "deny_leave" {
  policy_id = aws_organizations_policy.deny_leave.id
  target_id = aws_organizations_organizational_unit.workloads.id
}
