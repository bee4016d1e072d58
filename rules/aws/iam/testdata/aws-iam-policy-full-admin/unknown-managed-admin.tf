# The attached policy is a variable without a value.
variable "policy_arn" {
  type = string
}

resource "aws_iam_role_policy_attachment" "ops" {
  role       = "ops"
  policy_arn = var.policy_arn # unknown: aws-iam-policy-full-admin
}
