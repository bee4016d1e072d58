variable "bucket" {
  type = string
}

resource "aws_s3_bucket" "orders" { # unknown: aws-s3-access-logging-disabled "may configure this bucket"
  bucket = "example-orders"
}

resource "aws_s3_bucket_logging" "some" {
  bucket        = var.bucket
  target_bucket = "example-central-logs"
}
