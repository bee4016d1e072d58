resource "aws_cloudtrail" "main" { # want: aws-cloudtrail-cloudwatch-logs-disabled
  name                  = "main"
  s3_bucket_name        = "example-trail-logs"
  is_multi_region_trail = true
}

resource "aws_cloudtrail" "empty" {
  name                       = "empty"
  s3_bucket_name             = "example-trail-logs"
  cloud_watch_logs_group_arn = "" # want: aws-cloudtrail-cloudwatch-logs-disabled
}
