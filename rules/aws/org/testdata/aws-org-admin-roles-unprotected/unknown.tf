variable "admin_role_actions" {
  type = list(string)
}

resource "aws_organizations_organization" "this" { # unknown: aws-org-admin-roles-unprotected
  feature_set = "ALL"
}

resource "aws_organizations_policy" "protect_roles" {
  name = "protect-admin-roles"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Deny"
      Action   = var.admin_role_actions
      Resource = "arn:aws:iam::*:role/org-admin/*"
    }]
  })
}

resource "aws_organizations_policy_attachment" "protect_roles" {
  policy_id = aws_organizations_policy.protect_roles.id
  target_id = aws_organizations_organization.this.roots[0].id
}
