# coalesce() picks the policy document when no policy is given; the
# document trusts the account Terraform runs in, an account whose ID is not
# known before apply.
variable "policy" {
  type    = string
  default = null
}

data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "key" {
  statement {
    sid       = "AccountAdmin"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }
  statement {
    sid       = "Account"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_kms_key" "this" {
  description         = "key"
  enable_key_rotation = true
  policy              = coalesce(var.policy, data.aws_iam_policy_document.key.json)
}
