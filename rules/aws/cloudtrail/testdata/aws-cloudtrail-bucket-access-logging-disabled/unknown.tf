variable "log_bucket" {
  type = string
}

variable "trail_bucket" {
  type = string
}

resource "aws_s3_bucket" "trail" {
  bucket = "example-trail-logs"
}

resource "aws_s3_bucket_logging" "trail" {
  bucket        = aws_s3_bucket.trail.id
  target_bucket = var.log_bucket # unknown: aws-cloudtrail-bucket-access-logging-disabled
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = aws_s3_bucket.trail.id
}

# Which bucket this trail delivers to is not known.
resource "aws_s3_bucket" "maybe" {
  bucket = "example-maybe"
}

resource "aws_cloudtrail" "maybe" { # unknown: aws-cloudtrail-bucket-access-logging-disabled
  name           = "maybe"
  s3_bucket_name = var.trail_bucket
}
