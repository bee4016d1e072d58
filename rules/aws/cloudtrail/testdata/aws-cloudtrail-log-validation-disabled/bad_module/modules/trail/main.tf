variable "name" {
  type = string
}

variable "bucket" {
  type = string
}

variable "enable_validation" {
  type    = bool
  default = true
}

resource "aws_cloudtrail" "this" {
  name                       = var.name
  s3_bucket_name             = var.bucket
  is_multi_region_trail      = true
  enable_log_file_validation = var.enable_validation # want: aws-cloudtrail-log-validation-disabled
}
