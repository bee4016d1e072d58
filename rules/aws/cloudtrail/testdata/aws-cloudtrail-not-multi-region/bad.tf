resource "aws_cloudtrail" "regional" { # want: aws-cloudtrail-not-multi-region
  name           = "regional"
  s3_bucket_name = "acme-trail-logs"
}

resource "aws_cloudtrail" "explicit" {
  name                  = "explicit"
  s3_bucket_name        = "acme-trail-logs"
  is_multi_region_trail = false # want: aws-cloudtrail-not-multi-region
}
