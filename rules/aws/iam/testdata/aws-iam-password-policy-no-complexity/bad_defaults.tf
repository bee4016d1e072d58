# Nothing but length and reuse: no character class is required and
# passwords never expire.
resource "aws_iam_account_password_policy" "this" { # want: aws-iam-password-policy-no-complexity aws-iam-password-policy-no-complexity aws-iam-password-policy-no-complexity aws-iam-password-policy-no-complexity aws-iam-password-policy-no-complexity
  minimum_password_length   = 14
  password_reuse_prevention = 24
}
