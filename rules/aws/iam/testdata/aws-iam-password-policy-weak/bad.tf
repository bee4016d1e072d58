resource "aws_iam_account_password_policy" "this" {
  minimum_password_length        = 8 # want: aws-iam-password-policy-weak
  password_reuse_prevention      = 5 # want: aws-iam-password-policy-weak
  require_uppercase_characters   = true
  require_lowercase_characters   = true
  require_numbers                = true
  require_symbols                = true
  allow_users_to_change_password = true
}
