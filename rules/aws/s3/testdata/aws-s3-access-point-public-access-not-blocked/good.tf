resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

# Left out, the configuration turns every setting on.
resource "aws_s3_access_point" "default" {
  bucket = aws_s3_bucket.data.id
  name   = "default"
}

resource "aws_s3_access_point" "explicit" {
  bucket = aws_s3_bucket.data.id
  name   = "explicit"

  public_access_block_configuration {
    block_public_acls       = true
    ignore_public_acls      = true
    block_public_policy     = true
    restrict_public_buckets = true
  }
}

# The account-level block of the same provider configuration covers it.
resource "aws_s3_account_public_access_block" "this" {
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}

resource "aws_s3_access_point" "covered" {
  bucket = aws_s3_bucket.data.id
  name   = "covered"

  public_access_block_configuration {
    block_public_acls       = false
    ignore_public_acls      = false
    block_public_policy     = false
    restrict_public_buckets = false
  }
}
