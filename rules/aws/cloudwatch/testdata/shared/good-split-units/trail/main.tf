# The trail names its log group by ARN; the filters and alarms are in another root
# module, which names the group literally.

resource "aws_kms_key" "logs" {
  description         = "CloudTrail log group"
  enable_key_rotation = true
}

resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = "example-trail-logs"
  is_multi_region_trail      = true
  cloud_watch_logs_role_arn  = "arn:aws:iam::111111111111:role/cloudtrail-logs"
  cloud_watch_logs_group_arn = "arn:aws:logs:us-east-1:111111111111:log-group:cloudtrail:*"
}
