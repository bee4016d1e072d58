variable "kms_key" {
  type = string
}

resource "aws_sns_topic" "alerts" {
  name              = "alerts"
  kms_master_key_id = var.kms_key # unknown: aws-sns-unencrypted
}
