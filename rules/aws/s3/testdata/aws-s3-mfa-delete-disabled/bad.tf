resource "aws_s3_bucket" "legacy" {
  bucket = "example-legacy-versioned"

  versioning { # want: aws-s3-mfa-delete-disabled "aws_s3_bucket.legacy is versioned but does not require MFA"
    enabled = true
  }
}

resource "aws_s3_bucket" "legacy_off" {
  bucket = "example-legacy-mfa-off"

  versioning {
    enabled    = true
    mfa_delete = false # want: aws-s3-mfa-delete-disabled
  }
}

resource "aws_s3_bucket" "split" {
  bucket = "example-split-versioned"
}

resource "aws_s3_bucket_versioning" "split" {
  bucket = aws_s3_bucket.split.id
  versioning_configuration { # want: aws-s3-mfa-delete-disabled "aws_s3_bucket.split"
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "split_off" {
  bucket = "example-split-mfa-off"
}

resource "aws_s3_bucket_versioning" "split_off" {
  bucket = aws_s3_bucket.split_off.id
  versioning_configuration {
    status     = "Enabled"
    mfa_delete = "Disabled" # want: aws-s3-mfa-delete-disabled
  }
}
