variable "password_policy" {
  type = object({ length = number, reuse = number })
  default = {
    length = 12
    reuse  = 24
  }
}

resource "aws_iam_account_password_policy" "this" {
  minimum_password_length   = var.password_policy.length # want: aws-iam-password-policy-weak
  password_reuse_prevention = var.password_policy.reuse
}
