resource "aws_cloudtrail" "plain" { # want: aws-cloudtrail-not-kms-encrypted
  name           = "plain"
  s3_bucket_name = "acme-trail-logs"
}

resource "aws_cloudtrail" "empty" {
  name           = "empty"
  s3_bucket_name = "acme-trail-logs"
  kms_key_id     = "" # want: aws-cloudtrail-not-kms-encrypted
}
