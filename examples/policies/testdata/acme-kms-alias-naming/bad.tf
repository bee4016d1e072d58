resource "aws_kms_key" "payments" {}

resource "aws_kms_alias" "payments" { # want: acme-kms-alias-naming
  name          = "alias/payments"
  target_key_id = aws_kms_key.payments.key_id
}

resource "aws_kms_alias" "upper" { # want: acme-kms-alias-naming
  name          = "alias/acme-Payments"
  target_key_id = aws_kms_key.payments.key_id
}
