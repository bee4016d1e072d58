variable "kms_key_arn" {
  type = string
}

resource "aws_cloudtrail" "this" {
  name           = "trail"
  s3_bucket_name = "acme-trail-logs"
  kms_key_id     = var.kms_key_arn # unknown: aws-cloudtrail-not-kms-encrypted
}
