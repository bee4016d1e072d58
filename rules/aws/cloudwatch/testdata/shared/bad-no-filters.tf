# A trail delivering to CloudWatch Logs, with no metric filter on its log group.

resource "aws_kms_key" "logs" {
  description         = "CloudTrail log group"
  enable_key_rotation = true
}

resource "aws_cloudwatch_log_group" "trail" {
  name              = "cloudtrail"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.logs.arn
}

resource "aws_sns_topic" "alerts" {
  name              = "security-alerts"
  kms_master_key_id = aws_kms_key.logs.id
}

resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = "example-trail-logs"
  is_multi_region_trail      = true
  cloud_watch_logs_role_arn  = "arn:aws:iam::111111111111:role/cloudtrail-logs"
  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*" # want: aws-cloudwatch-unauthorized-calls-unmonitored aws-cloudwatch-console-no-mfa-unmonitored aws-cloudwatch-root-usage-unmonitored aws-cloudwatch-iam-policy-changes-unmonitored aws-cloudwatch-cloudtrail-changes-unmonitored aws-cloudwatch-console-failures-unmonitored aws-cloudwatch-kms-key-deletion-unmonitored aws-cloudwatch-bucket-policy-changes-unmonitored aws-cloudwatch-config-changes-unmonitored aws-cloudwatch-security-group-changes-unmonitored aws-cloudwatch-nacl-changes-unmonitored aws-cloudwatch-gateway-changes-unmonitored aws-cloudwatch-route-table-changes-unmonitored aws-cloudwatch-vpc-changes-unmonitored aws-cloudwatch-organization-changes-unmonitored
}
