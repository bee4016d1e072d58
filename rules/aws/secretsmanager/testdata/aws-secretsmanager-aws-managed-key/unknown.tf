variable "kms_key_id" {
  type = string
}

resource "aws_secretsmanager_secret" "db" {
  name       = "prod/db"
  kms_key_id = var.kms_key_id # unknown: aws-secretsmanager-aws-managed-key
}
