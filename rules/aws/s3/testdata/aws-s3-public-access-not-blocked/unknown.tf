variable "block_public_acls" {
  type = bool
}

resource "aws_s3_bucket" "a" {
  bucket = "acme-a"
}

resource "aws_s3_bucket_public_access_block" "a" {
  bucket                  = aws_s3_bucket.a.id
  block_public_acls       = var.block_public_acls # unknown: aws-s3-public-access-not-blocked
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}

# This block may be this bucket's: its bucket name is not known.
variable "target_bucket" {
  type = string
}

resource "aws_s3_bucket" "maybe" { # unknown: aws-s3-public-access-not-blocked
  bucket = "acme-maybe"
}

resource "aws_s3_bucket_public_access_block" "somewhere" {
  bucket                  = var.target_bucket
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}
