# The guardrail is attached to every top-level OU rather than the root;
# the nested OU and the accounts inherit it.
resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

resource "aws_organizations_organizational_unit" "security" {
  name      = "security"
  parent_id = aws_organizations_organization.this.roots[0].id
}

resource "aws_organizations_organizational_unit" "workloads" {
  name      = "workloads"
  parent_id = aws_organizations_organization.this.roots[0].id
}

resource "aws_organizations_organizational_unit" "prod" {
  name      = "prod"
  parent_id = aws_organizations_organizational_unit.workloads.id
}

resource "aws_organizations_account" "app" {
  name      = "app-prod"
  email     = "aws+app-prod@example.com"
  parent_id = aws_organizations_organizational_unit.prod.id
}

resource "aws_organizations_policy" "deny_leave" {
  name    = "deny-leave"
  content = <<-JSON
    {
      "Version": "2012-10-17",
      "Statement": [
        {"Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"}
      ]
    }
  JSON
}

resource "aws_organizations_policy_attachment" "deny_leave" {
  for_each = {
    security  = aws_organizations_organizational_unit.security.id
    workloads = aws_organizations_organizational_unit.workloads.id
  }
  policy_id = aws_organizations_policy.deny_leave.id
  target_id = each.value
}
