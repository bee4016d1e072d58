# The admin roles are protected against deletion but not against new
# permissions.
resource "aws_organizations_organization" "this" { # want: aws-org-admin-roles-unprotected
  feature_set = "ALL"
}

resource "aws_organizations_policy" "protect_roles" {
  name = "protect-admin-roles"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Action    = ["iam:DeleteRole", "iam:UpdateRole"]
      Resource  = "arn:aws:iam::*:role/org-admin/*"
      Condition = { ArnNotLike = { "aws:PrincipalArn" = "arn:aws:iam::*:role/org-admin/*" } }
    }]
  })
}

resource "aws_organizations_policy_attachment" "protect_roles" {
  policy_id = aws_organizations_policy.protect_roles.id
  target_id = aws_organizations_organization.this.roots[0].id
}
