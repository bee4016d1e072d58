resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

data "aws_iam_policy_document" "deny_root" {
  statement {
    sid       = "DenyRootUser"
    effect    = "Deny"
    actions   = ["*"]
    resources = ["*"]
    condition {
      test     = "StringLike"
      variable = "aws:PrincipalArn"
      values   = ["arn:aws:iam::*:root"]
    }
  }
}

resource "aws_organizations_policy" "deny_root" {
  name    = "deny-root-user"
  content = data.aws_iam_policy_document.deny_root.json
}

resource "aws_organizations_policy_attachment" "root" {
  policy_id = aws_organizations_policy.deny_root.id
  target_id = aws_organizations_organization.this.roots[0].id
}
