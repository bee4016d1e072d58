variable "trusted_principal" {
  type = string
}

resource "aws_iam_role" "cross_account" {
  name = "cross-account"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = var.trusted_principal }, Action = "sts:AssumeRole" }] # unknown: aws-iam-role-trust-public
  })
}
