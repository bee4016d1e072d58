# The bucket's ARN is given to a module that has not been downloaded: it
# may attach a bucket policy.
resource "aws_s3_bucket" "logs" { # unknown: aws-s3-insecure-transport-allowed
  bucket = "acme-logs"
}

module "policy" {
  source     = "acme/bucket-policy/aws"
  bucket_arn = aws_s3_bucket.logs.arn
}
