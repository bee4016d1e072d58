# Length and reuse as CIS v3.0.0 asks, but no character class and no
# expiry: each missing setting is a finding at the policy (AWS's default
# for a setting left out).
resource "aws_iam_account_password_policy" "this" { # want: aws-iam-password-policy-no-complexity aws-iam-password-policy-no-complexity
  minimum_password_length      = 14
  password_reuse_prevention    = 24
  require_uppercase_characters = false # want: aws-iam-password-policy-no-complexity
  require_symbols              = true
  max_password_age             = 365 # want: aws-iam-password-policy-no-complexity
}
