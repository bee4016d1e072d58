variable "all_regions" {
  type = bool
}

resource "aws_cloudtrail" "this" {
  name                  = "trail"
  s3_bucket_name        = "acme-trail-logs"
  is_multi_region_trail = var.all_regions # unknown: aws-cloudtrail-not-multi-region
}
