variable "require_symbols" {
  type = bool
}

variable "max_age" {
  type = number
}

resource "aws_iam_account_password_policy" "this" {
  minimum_password_length      = 14
  password_reuse_prevention    = 24
  require_uppercase_characters = true
  require_lowercase_characters = true
  require_numbers              = true
  require_symbols              = var.require_symbols # unknown: aws-iam-password-policy-no-complexity
  max_password_age             = var.max_age         # unknown: aws-iam-password-policy-no-complexity
}
