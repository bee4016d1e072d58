resource "aws_s3_bucket" "private" {
  bucket = "example-private"
}

resource "aws_s3_bucket_acl" "private" {
  bucket = aws_s3_bucket.private.id
  acl    = "private"
}

# The public access block makes S3 ignore the public ACL.
resource "aws_s3_bucket" "blocked" {
  bucket = "example-blocked"
  acl    = "public-read"
}

resource "aws_s3_bucket_public_access_block" "blocked" {
  bucket                  = aws_s3_bucket.blocked.id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}
