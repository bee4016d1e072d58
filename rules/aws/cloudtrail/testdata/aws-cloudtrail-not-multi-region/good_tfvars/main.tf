variable "multi_region" {
  type    = bool
  default = false
}

resource "aws_cloudtrail" "this" {
  name                       = "audit"
  s3_bucket_name             = "acme-trail-logs"
  is_multi_region_trail      = var.multi_region
  enable_log_file_validation = true
}
