resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_s3_bucket_versioning" "data" {
  bucket = aws_s3_bucket.data.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "legacy" {
  bucket = "acme-legacy-enabled"
  versioning {
    enabled = true
  }
}

locals {
  name = "acme-by-name"
}

resource "aws_s3_bucket" "by_name" {
  bucket = local.name
}

resource "aws_s3_bucket_versioning" "by_name" {
  bucket = "acme-by-name"
  versioning_configuration {
    status = local.name == "acme-by-name" ? "Enabled" : "Suspended"
  }
}

# A bucket this code only looks up is not this code's to version.
data "aws_s3_bucket" "existing" {
  bucket = "acme-existing"
}

resource "aws_s3_bucket_versioning" "existing" {
  bucket = data.aws_s3_bucket.existing.id
  versioning_configuration {
    status = "Suspended"
  }
}
