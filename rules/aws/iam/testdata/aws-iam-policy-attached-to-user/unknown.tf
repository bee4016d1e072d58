variable "report_users" {
  type = list(string)
}

resource "aws_iam_policy_attachment" "reports" {
  name       = "reports"
  users      = var.report_users # unknown: aws-iam-policy-attached-to-user
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
