resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

data "aws_iam_policy_document" "guardrails" {
  statement {
    sid       = "DenyLeave"
    effect    = "Deny"
    actions   = ["organizations:LeaveOrganization"]
    resources = ["*"]
  }
  statement {
    sid       = "DenyRoot"
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

resource "aws_organizations_policy" "guardrails" {
  name    = "guardrails"
  content = data.aws_iam_policy_document.guardrails.json
}

# Tag policies are not SCPs: their syntax is different.
resource "aws_organizations_policy" "tags" {
  name = "tags"
  type = "TAG_POLICY"
  content = jsonencode({
    tags = { costcenter = { tag_key = { "@@assign" = "CostCenter" } } }
  })
}

resource "aws_organizations_policy_attachment" "guardrails" {
  policy_id = aws_organizations_policy.guardrails.id
  target_id = aws_organizations_organization.this.roots[0].id
}
