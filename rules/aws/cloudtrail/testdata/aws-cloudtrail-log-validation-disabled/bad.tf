resource "aws_cloudtrail" "default" { # want: aws-cloudtrail-log-validation-disabled
  name                  = "default"
  s3_bucket_name        = "acme-trail-logs"
  is_multi_region_trail = true
}

resource "aws_cloudtrail" "off" {
  name                       = "off"
  s3_bucket_name             = "acme-trail-logs"
  enable_log_file_validation = false # want: aws-cloudtrail-log-validation-disabled
}
