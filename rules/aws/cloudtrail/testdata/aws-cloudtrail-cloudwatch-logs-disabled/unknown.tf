variable "log_group_arn" {
  type = string
}

resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = "example-trail-logs"
  cloud_watch_logs_group_arn = var.log_group_arn # unknown: aws-cloudtrail-cloudwatch-logs-disabled
  cloud_watch_logs_role_arn  = "arn:aws:iam::111111111111:role/cloudtrail-logs"
}
