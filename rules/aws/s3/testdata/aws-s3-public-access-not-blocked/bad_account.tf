# The account-level block leaves IgnorePublicAcls off, so it does not
# cover buckets without a block of their own.
resource "aws_s3_account_public_access_block" "this" {
  block_public_acls       = true
  ignore_public_acls      = false # want: aws-s3-public-access-not-blocked
  block_public_policy     = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "logs" { # want: aws-s3-public-access-not-blocked
  bucket = "acme-logs"
}
