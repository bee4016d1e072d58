resource "aws_cloudtrail" "global" {
  name                  = "global"
  s3_bucket_name        = "logs"
  is_multi_region_trail = true
}
