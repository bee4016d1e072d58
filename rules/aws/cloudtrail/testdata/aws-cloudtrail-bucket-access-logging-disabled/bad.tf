resource "aws_s3_bucket" "trail" { # want: aws-cloudtrail-bucket-access-logging-disabled
  bucket = "example-trail-logs"
}

resource "aws_cloudtrail" "main" {
  name                  = "main"
  s3_bucket_name        = aws_s3_bucket.trail.id
  is_multi_region_trail = true
}

# A bucket that logs access but no trail delivers to is not this rule's.
resource "aws_s3_bucket" "other" {
  bucket = "example-other"
}

# By literal name.
resource "aws_s3_bucket" "second" { # want: aws-cloudtrail-bucket-access-logging-disabled
  bucket = "example-second-trail-logs"
}

resource "aws_cloudtrail" "second" {
  name           = "second"
  s3_bucket_name = "example-second-trail-logs"
}
