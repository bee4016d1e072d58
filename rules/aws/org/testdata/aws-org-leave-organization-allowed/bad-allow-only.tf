# An SCP that allows instead of denying holds no guardrail.
resource "aws_organizations_organization" "this" { # want: aws-org-leave-organization-allowed
  feature_set = "ALL"
}

data "aws_iam_policy_document" "baseline" {
  statement {
    sid       = "AllowEverything"
    effect    = "Allow"
    actions   = ["*"]
    resources = ["*"]
  }
  statement {
    sid       = "DenyLeaveForDevelopersOnly"
    effect    = "Deny"
    actions   = ["organizations:LeaveOrganization"]
    resources = ["arn:aws:organizations::*:account/*"]
  }
}

resource "aws_organizations_policy" "baseline" {
  name    = "baseline"
  content = data.aws_iam_policy_document.baseline.json
}

resource "aws_organizations_policy_attachment" "baseline" {
  policy_id = aws_organizations_policy.baseline.id
  target_id = aws_organizations_organization.this.roots[0].id
}
