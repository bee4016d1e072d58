resource "aws_cloudwatch_log_group" "app" { # want: aws-cloudwatch-log-group-not-kms-encrypted
  name              = "/app/prod"
  retention_in_days = 365
}
