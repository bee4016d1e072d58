# Settings left out take AWS's defaults: 6 characters, reuse allowed.
resource "aws_iam_account_password_policy" "this" { # want: aws-iam-password-policy-weak aws-iam-password-policy-weak
  allow_users_to_change_password = true
}
