# The bucket is given to a module that has not been downloaded: it may
# configure KMS encryption for it.
resource "aws_s3_bucket" "logs" { # unknown: aws-s3-encryption-not-kms
  bucket = "acme-logs"
}

module "encryption" {
  source = "acme/bucket-encryption/aws"
  bucket = aws_s3_bucket.logs.bucket
}
