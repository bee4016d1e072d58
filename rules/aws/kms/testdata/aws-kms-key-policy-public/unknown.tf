variable "key_policy" {
  type = string
}

resource "aws_kms_key" "from_variable" {
  enable_key_rotation = true
  policy              = var.key_policy # unknown: aws-kms-key-policy-public
}
