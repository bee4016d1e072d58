variable "multi_region" {
  type = bool
}

resource "aws_cloudtrail" "configurable" {
  name                  = "configurable"
  s3_bucket_name        = "logs"
  is_multi_region_trail = var.multi_region # unknown: aws-test-single-region "var.multi_region"
}
