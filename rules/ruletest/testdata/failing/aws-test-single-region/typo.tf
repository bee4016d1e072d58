resource "aws_cloudtrail" "regional" {
  name           = "regional"
  s3_bucket_name = "logs"
}
