# The bucket is given to a module that has not been downloaded: it may
# enable versioning, so whether it is on is not known.
resource "aws_s3_bucket" "logs" { # unknown: aws-s3-versioning-disabled
  bucket = "acme-logs"
}

module "bucket_settings" {
  source  = "acme/bucket-settings/aws"
  version = "~> 1.0"
  bucket  = aws_s3_bucket.logs.id
}

# A module given the bucket's name literally may configure it too.
resource "aws_s3_bucket" "by_name" { # unknown: aws-s3-versioning-disabled
  bucket = "acme-by-name"
}

module "by_name" {
  source      = "git::https://example.com/bucket-settings.git?ref=v1"
  bucket_name = "acme-by-name"
}
