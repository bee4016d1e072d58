resource "aws_s3_bucket" "trail" {
  bucket = "example-trail-logs"
}

resource "aws_s3_bucket" "access_logs" {
  bucket = "example-access-logs"
}

resource "aws_s3_bucket_logging" "trail" {
  bucket        = aws_s3_bucket.trail.id
  target_bucket = aws_s3_bucket.access_logs.id
  target_prefix = "cloudtrail-bucket/"
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = aws_s3_bucket.trail.id
}

# A bucket of another account (a log archive), not in the scan.
resource "aws_cloudtrail" "archive" {
  name           = "archive"
  s3_bucket_name = "example-log-archive"
}

# The logging block of provider v3.
resource "aws_s3_bucket" "legacy" {
  bucket = "example-legacy-trail-logs"

  logging {
    target_bucket = "example-access-logs"
  }
}

resource "aws_cloudtrail" "legacy" {
  name           = "legacy"
  s3_bucket_name = aws_s3_bucket.legacy.id
}
