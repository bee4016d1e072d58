variable "versioning_status" {
  type = string
}

resource "aws_s3_bucket" "from_variable" {
  bucket = "acme-from-variable"
}

resource "aws_s3_bucket_versioning" "from_variable" {
  bucket = aws_s3_bucket.from_variable.id
  versioning_configuration {
    status = var.versioning_status # unknown: aws-s3-versioning-disabled
  }
}

# The versioning resource below may target this bucket: its name is unknown.
variable "target_bucket" {
  type = string
}

resource "aws_s3_bucket" "maybe_targeted" { # unknown: aws-s3-versioning-disabled
  bucket = "acme-maybe"
}

resource "aws_s3_bucket_versioning" "somewhere" {
  bucket = var.target_bucket
  versioning_configuration {
    status = "Enabled"
  }
}
