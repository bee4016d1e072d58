# The deny exempts the break-glass role: everyone else is denied.
resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

resource "aws_organizations_policy" "deny_leave" {
  name = "deny-leave"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Action    = "organizations:LeaveOrganization"
      Resource  = "*"
      Condition = { ArnNotLike = { "aws:PrincipalArn" = ["arn:aws:iam::*:role/BreakGlass"] } }
    }]
  })
}

resource "aws_organizations_policy_attachment" "root" {
  policy_id = aws_organizations_policy.deny_leave.id
  target_id = aws_organizations_organization.this.roots[0].id
}
