resource "aws_s3_bucket" "legacy" {
  bucket = "example-legacy-mfa"

  versioning {
    enabled    = true
    mfa_delete = true
  }
}

resource "aws_s3_bucket" "split" {
  bucket = "example-split-mfa"
}

resource "aws_s3_bucket_versioning" "split" {
  bucket = aws_s3_bucket.split.id
  mfa    = "${var.root_mfa_serial} ${var.root_mfa_code}"
  versioning_configuration {
    status     = "Enabled"
    mfa_delete = "Enabled"
  }
}

variable "root_mfa_serial" {
  type = string
}

variable "root_mfa_code" {
  type = string
}

# MFA delete needs versioning: an unversioned bucket is
# aws-s3-versioning-disabled's question, not this rule's.
resource "aws_s3_bucket" "unversioned" {
  bucket = "example-unversioned"
}

resource "aws_s3_bucket" "suspended" {
  bucket = "example-suspended"
}

resource "aws_s3_bucket_versioning" "suspended" {
  bucket = aws_s3_bucket.suspended.id
  versioning_configuration {
    status = "Suspended"
  }
}
