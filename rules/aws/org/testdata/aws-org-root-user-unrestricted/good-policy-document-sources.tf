# The guardrail SCP is assembled from per-control documents with
# source_policy_documents; the root-user deny is one of them.
resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

data "aws_iam_policy_document" "deny_leave" {
  statement {
    sid       = "DenyLeave"
    effect    = "Deny"
    actions   = ["organizations:LeaveOrganization"]
    resources = ["*"]
  }
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

data "aws_iam_policy_document" "guardrails" {
  source_policy_documents = [
    data.aws_iam_policy_document.deny_leave.json,
    data.aws_iam_policy_document.deny_root.json,
  ]
}

resource "aws_organizations_policy" "guardrails" {
  name    = "guardrails"
  content = data.aws_iam_policy_document.guardrails.json
}

resource "aws_organizations_policy_attachment" "root" {
  policy_id = aws_organizations_policy.guardrails.id
  target_id = aws_organizations_organization.this.roots[0].id
}
