variable "bucket_policy" {
  type = string
}

resource "aws_s3_bucket" "from_variable" {
  bucket = "acme-from-variable"
}

resource "aws_s3_bucket_policy" "from_variable" {
  bucket = aws_s3_bucket.from_variable.id
  policy = var.bucket_policy # unknown: aws-s3-insecure-transport-allowed
}

# The policy below may be this bucket's: its bucket is not known.
variable "target_bucket" {
  type = string
}

resource "aws_s3_bucket" "maybe" { # unknown: aws-s3-insecure-transport-allowed
  bucket = "acme-maybe"
}

resource "aws_s3_bucket_policy" "somewhere" {
  bucket = var.target_bucket
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = "*"
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}
