# An empty policy is not sent to AWS (the argument is optional and
# computed), so the key gets the default key policy, which trusts only the
# account.
resource "aws_kms_key" "default_policy" {
  description = "default key policy"
  policy      = ""
}
