resource "aws_kms_key" "trail" {
  enable_key_rotation = true
}

resource "aws_cloudtrail" "this" {
  name           = "trail"
  s3_bucket_name = "acme-trail-logs"
  kms_key_id     = aws_kms_key.trail.arn
}
