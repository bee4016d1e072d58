variable "policy_arn" {
  type = string
}

resource "aws_iam_group" "ops" { # unknown: aws-iam-group-mfa-not-enforced
  name = "ops"
}

resource "aws_iam_group_policy_attachment" "ops" {
  group      = aws_iam_group.ops.name
  policy_arn = var.policy_arn
}
