locals {
  block = true
}

resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = aws_s3_bucket.data.id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = local.block
  restrict_public_buckets = local.block
}

resource "aws_s3_bucket" "by_name" {
  bucket = "acme-by-name"
}

resource "aws_s3_bucket_public_access_block" "by_name" {
  bucket                  = "acme-by-name"
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}
