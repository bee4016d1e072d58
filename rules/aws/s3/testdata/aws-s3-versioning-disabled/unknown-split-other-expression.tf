# The versioning resource names its bucket with another expression than
# the bucket's own name: they may or may not be equal.
variable "name" {
  type = string
}

variable "versioned_bucket" {
  type = string
}

resource "aws_s3_bucket" "this" { # unknown: aws-s3-versioning-disabled
  bucket = var.name
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = var.versioned_bucket
  versioning_configuration {
    status = "Enabled"
  }
}

# uuid() gives another value at each call, so the same text is no promise.
resource "aws_s3_bucket" "random" { # unknown: aws-s3-versioning-disabled
  bucket = "scratch-${uuid()}"
}

resource "aws_s3_bucket_versioning" "random" {
  bucket = "scratch-${uuid()}"
  versioning_configuration {
    status = "Enabled"
  }
}
