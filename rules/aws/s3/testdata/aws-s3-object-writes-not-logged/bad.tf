# No trail of the scan logs S3 data events in this account: one finding,
# at the first bucket, naming the others.
resource "aws_s3_bucket" "data" { # want: aws-s3-object-writes-not-logged `object-level write events \(S3 data events\) of 4 S3 buckets in the account of provider aws: aws_s3_bucket.data, aws_s3_bucket.reports, aws_s3_bucket.assets, 1 more \(CIS 3.8\)`
  bucket = "example-data"
}

resource "aws_s3_bucket" "reports" {
  bucket = "example-reports"
}

resource "aws_s3_bucket" "assets" {
  bucket = "example-assets"
}

resource "aws_s3_bucket" "generated" {
}

# A trail that records management events only.
resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "example-trail-logs"
}
