resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_access_point" "open" {
  bucket = aws_s3_bucket.data.id
  name   = "open"

  public_access_block_configuration {
    block_public_acls       = false # want: aws-s3-access-point-public-access-not-blocked "BlockPublicAcls is off"
    ignore_public_acls      = true
    block_public_policy     = false # want: aws-s3-access-point-public-access-not-blocked "BlockPublicPolicy"
    restrict_public_buckets = false # want: aws-s3-access-point-public-access-not-blocked
  }
}
