resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

data "aws_iam_policy_document" "protect_roles" {
  statement {
    sid    = "ProtectOrgAdminRoles"
    effect = "Deny"
    actions = [
      "iam:AttachRolePolicy", "iam:DeleteRole", "iam:DeleteRolePermissionsBoundary",
      "iam:DeleteRolePolicy", "iam:DetachRolePolicy", "iam:PutRolePermissionsBoundary",
      "iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:UpdateRole",
    ]
    resources = [
      "arn:aws:iam::*:role/org-admin/*",
      "arn:aws:iam::*:role/OrganizationAccountAccessRole",
    ]
    condition {
      test     = "ArnNotLike"
      variable = "aws:PrincipalArn"
      values   = ["arn:aws:iam::*:role/org-admin/*"]
    }
  }
}

resource "aws_organizations_policy" "protect_roles" {
  name    = "protect-admin-roles"
  content = data.aws_iam_policy_document.protect_roles.json
}

resource "aws_organizations_policy_attachment" "protect_roles" {
  policy_id = aws_organizations_policy.protect_roles.id
  target_id = aws_organizations_organization.this.roots[0].id
}
