variable "block_policies" {
  type = bool
}

resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_access_point" "this" {
  bucket = aws_s3_bucket.data.id
  name   = "reports"

  public_access_block_configuration {
    block_public_acls       = true
    ignore_public_acls      = true
    block_public_policy     = var.block_policies # unknown: aws-s3-access-point-public-access-not-blocked
    restrict_public_buckets = true
  }
}
