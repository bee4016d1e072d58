# CIS v3.0.0 asks for length and reuse only; character classes and expiry
# are left to the organisation.
resource "aws_iam_account_password_policy" "this" {
  minimum_password_length        = 14
  password_reuse_prevention      = 24
  allow_users_to_change_password = true
}
