# No configuration: S3 applies SSE-S3.
resource "aws_s3_bucket" "default" { # want: aws-s3-encryption-not-kms
  bucket = "acme-default"
}

# Provider v3 inline block.
resource "aws_s3_bucket" "legacy" {
  bucket = "acme-legacy"
  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "AES256" # want: aws-s3-encryption-not-kms
      }
    }
  }
}

# Split resource joined by reference.
resource "aws_s3_bucket" "split" {
  bucket = "acme-split"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "split" {
  bucket = aws_s3_bucket.split.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256" # want: aws-s3-encryption-not-kms
    }
  }
}

# Split resource joined by name, algorithm from a variable default.
variable "sse_algorithm" {
  type    = string
  default = "AES256"
}

resource "aws_s3_bucket" "archive" {
  bucket = "acme-archive"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "archive" {
  bucket = "acme-archive"
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = var.sse_algorithm # want: aws-s3-encryption-not-kms
    }
  }
}
