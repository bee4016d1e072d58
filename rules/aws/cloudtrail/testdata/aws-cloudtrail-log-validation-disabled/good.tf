resource "aws_cloudtrail" "this" {
  name                       = "trail"
  s3_bucket_name             = "acme-trail-logs"
  enable_log_file_validation = true
}
