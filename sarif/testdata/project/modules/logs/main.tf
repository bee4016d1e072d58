resource "aws_s3_bucket" "this" {
  bucket = var.name
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id
  versioning_configuration {
    status = "Suspended" # blindspot:ignore aws-s3-versioning-disabled -- archive bucket, written once
  }
}
