# The role trusts the account Terraform runs in: its ID is not known before
# apply, but it is an account, not everyone.
data "aws_caller_identity" "current" {}

resource "aws_iam_role" "same_account" {
  name = "same-account"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = data.aws_caller_identity.current.account_id }
    }]
  })
}
