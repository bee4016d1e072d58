variable "mfa_delete" {
  type = string
}

variable "versioning" {
  type = string
}

resource "aws_s3_bucket" "mfa_var" {
  bucket = "example-mfa-var"
}

resource "aws_s3_bucket_versioning" "mfa_var" {
  bucket = aws_s3_bucket.mfa_var.id
  versioning_configuration {
    status     = "Enabled"
    mfa_delete = var.mfa_delete # unknown: aws-s3-mfa-delete-disabled
  }
}

resource "aws_s3_bucket" "status_var" {
  bucket = "example-status-var"
}

resource "aws_s3_bucket_versioning" "status_var" {
  bucket = aws_s3_bucket.status_var.id
  versioning_configuration { # unknown: aws-s3-mfa-delete-disabled
    status = var.versioning
  }
}
