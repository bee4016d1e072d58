variable "sse_algorithm" {
  type = string
}

resource "aws_s3_bucket" "from_variable" {
  bucket = "acme-from-variable"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "from_variable" {
  bucket = aws_s3_bucket.from_variable.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = var.sse_algorithm # unknown: aws-s3-encryption-not-kms
    }
  }
}

# The configuration below may be this bucket's: its bucket is not known.
variable "target_bucket" {
  type = string
}

resource "aws_s3_bucket" "maybe" { # unknown: aws-s3-encryption-not-kms
  bucket = "acme-maybe"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "somewhere" {
  bucket = var.target_bucket
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}
