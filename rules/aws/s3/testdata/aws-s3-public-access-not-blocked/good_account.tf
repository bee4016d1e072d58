# An account-level block with every setting on covers the buckets of the
# same provider configuration, even one whose own block relaxes a setting.
resource "aws_s3_account_public_access_block" "this" {
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "reports" {
  bucket = "acme-reports"
}

resource "aws_s3_bucket" "relaxed" {
  bucket = "acme-relaxed"
}

resource "aws_s3_bucket_public_access_block" "relaxed" {
  bucket              = aws_s3_bucket.relaxed.id
  block_public_acls   = true
  ignore_public_acls  = true
  block_public_policy = false
}
