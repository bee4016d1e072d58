# The guardrail is attached to every top-level OU rather than the root;
# the nested OU and the accounts inherit it.
locals {
  ous = toset(["security", "infrastructure", "workloads"])
}

resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

resource "aws_organizations_organizational_unit" "top" {
  for_each  = local.ous
  name      = each.key
  parent_id = aws_organizations_organization.this.roots[0].id
}

resource "aws_organizations_organizational_unit" "prod" {
  name      = "prod"
  parent_id = aws_organizations_organizational_unit.top["workloads"].id
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
  for_each  = local.ous
  policy_id = aws_organizations_policy.deny_leave.id
  target_id = aws_organizations_organizational_unit.top[each.key].id
}
