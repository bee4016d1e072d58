resource "aws_cloudtrail" "unvalidated" {
  name                       = "unvalidated"
  s3_bucket_name             = "logs"
  is_multi_region_trail      = true
  enable_log_file_validation = false # want: aws-test-no-validation
}
