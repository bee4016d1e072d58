# args: --var multi_region=false
variable "multi_region" {
  type    = bool
  default = true
}

resource "aws_cloudtrail" "this" {
  name                       = "audit"
  s3_bucket_name             = "acme-trail-logs"
  is_multi_region_trail      = var.multi_region # want: aws-cloudtrail-not-multi-region
  enable_log_file_validation = true
}
