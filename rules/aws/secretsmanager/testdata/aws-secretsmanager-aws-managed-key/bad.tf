resource "aws_secretsmanager_secret" "db" { # want: aws-secretsmanager-aws-managed-key
  name = "prod/db"
}

resource "aws_secretsmanager_secret" "api" {
  name       = "prod/api"
  kms_key_id = "alias/aws/secretsmanager" # want: aws-secretsmanager-aws-managed-key
}
