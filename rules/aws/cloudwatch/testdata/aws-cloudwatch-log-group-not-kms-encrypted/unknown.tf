variable "kms_key_arn" {
  type = string
}

resource "aws_cloudwatch_log_group" "app" {
  name       = "/app/prod"
  kms_key_id = var.kms_key_arn # unknown: aws-cloudwatch-log-group-not-kms-encrypted
}
