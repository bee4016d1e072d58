resource "aws_s3_bucket" "no_versioning" { # want: aws-s3-versioning-disabled
  bucket = "acme-logs-no-versioning"
}

# Provider v3 inline block.
resource "aws_s3_bucket" "legacy_disabled" {
  bucket = "acme-legacy"
  versioning {
    enabled = false # want: aws-s3-versioning-disabled
  }
}

# Provider v4+ split resource, joined by reference.
resource "aws_s3_bucket" "split" {
  bucket = "acme-split"
}

resource "aws_s3_bucket_versioning" "split" {
  bucket = aws_s3_bucket.split.id
  versioning_configuration {
    status = "Suspended" # want: aws-s3-versioning-disabled
  }
}

# Split resource joined by literal bucket name, status from a variable.
variable "archive_versioning" {
  type    = string
  default = "Disabled"
}

resource "aws_s3_bucket" "archive" {
  bucket = "acme-archive"
}

resource "aws_s3_bucket_versioning" "archive" {
  bucket = "acme-archive"
  versioning_configuration {
    status = var.archive_versioning # want: aws-s3-versioning-disabled
  }
}
