resource "aws_cloudtrail" "org" {
  name                  = "org"
  s3_bucket_name        = "acme-trail-logs"
  is_multi_region_trail = true
}
