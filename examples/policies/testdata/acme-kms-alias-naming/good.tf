resource "aws_kms_key" "payments" {}

resource "aws_kms_alias" "payments" {
  name          = "alias/acme-payments-ledger"
  target_key_id = aws_kms_key.payments.key_id
}
