variable "policy_json" {
  type = string
}

resource "aws_iam_policy" "from_variable" {
  name   = "from-variable"
  policy = var.policy_json # unknown: aws-iam-policy-full-admin
}

variable "resource_arn" {
  type = string
}

resource "aws_iam_policy" "resource_from_variable" {
  name = "resource-from-variable"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = var.resource_arn }] # unknown: aws-iam-policy-full-admin
  })
}
