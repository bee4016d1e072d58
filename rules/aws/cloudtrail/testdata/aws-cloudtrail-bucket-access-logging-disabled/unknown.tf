variable "trail_bucket" {
  type = string
}

# Which bucket this trail delivers to is not known. (A bucket with an
# aws_s3_bucket_logging resource logs access whatever its target: the
# target is required, so it is no unknown for this rule.)
resource "aws_s3_bucket" "maybe" {
  bucket = "example-maybe"
}

resource "aws_cloudtrail" "maybe" { # unknown: aws-cloudtrail-bucket-access-logging-disabled
  name           = "maybe"
  s3_bucket_name = var.trail_bucket
}
