resource "aws_iam_group" "developers" {
  name = "developers"
}

data "aws_iam_policy_document" "require_mfa" {
  statement {
    effect      = "Deny"
    not_actions = ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "sts:GetSessionToken"]
    resources   = ["*"]
    condition {
      test     = "BoolIfExists"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["false"]
    }
  }
}

resource "aws_iam_group_policy" "developers_mfa" {
  name   = "require-mfa"
  group  = aws_iam_group.developers.name
  policy = data.aws_iam_policy_document.require_mfa.json
}

resource "aws_iam_group" "operators" {
  name = "operators"
}

resource "aws_iam_policy" "mfa_present" {
  name = "mfa-present"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      NotAction = ["iam:*MFA*", "sts:GetSessionToken"]
      Resource  = "*"
      Condition = { Null = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
}

resource "aws_iam_group_policy_attachment" "operators_mfa" {
  group      = aws_iam_group.operators.name
  policy_arn = aws_iam_policy.mfa_present.arn
}

resource "aws_iam_group" "admins" {
  name = "admins"
}

resource "aws_iam_policy_attachment" "admins_mfa" {
  name       = "admins-mfa"
  groups     = ["admins"]
  policy_arn = aws_iam_policy.mfa_present.arn
}
