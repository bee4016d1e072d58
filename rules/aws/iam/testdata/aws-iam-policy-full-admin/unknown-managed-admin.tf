# The attached policy is a variable without a value.
variable "policy_arn" {
  type = string
}

resource "aws_iam_role_policy_attachment" "ops" {
  role       = "ops"
  policy_arn = var.policy_arn # unknown: aws-iam-policy-full-admin
}

# A policy named AdministratorAccess looked up: the AWS managed one or a
# customer managed policy of that name.
data "aws_iam_policy" "admin" {
  name = "AdministratorAccess"
}

resource "aws_iam_role_policy_attachment" "lookup" {
  role       = "ops"
  policy_arn = data.aws_iam_policy.admin.arn # unknown: aws-iam-policy-full-admin
}

# A policy looked up with count: its name is not read.
data "aws_iam_policy" "counted" {
  count = 1
  name  = "ReadOnlyAccess"
}

resource "aws_iam_role_policy_attachment" "counted" {
  role       = "ops"
  policy_arn = data.aws_iam_policy.counted[0].arn # unknown: aws-iam-policy-full-admin
}
