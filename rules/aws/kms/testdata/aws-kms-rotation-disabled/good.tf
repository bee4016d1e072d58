resource "aws_kms_key" "rotated" {
  description         = "application data"
  enable_key_rotation = true
}

resource "aws_kms_key" "signing" {
  description              = "asymmetric keys cannot rotate automatically"
  customer_master_key_spec = "RSA_2048"
  key_usage                = "SIGN_VERIFY"
}

resource "aws_kms_key" "mac" {
  description              = "HMAC keys cannot rotate automatically"
  customer_master_key_spec = "HMAC_256"
  key_usage                = "GENERATE_VERIFY_MAC"
}

resource "aws_kms_external_key" "imported" {
  description = "imported key material is rotated by hand"
}
