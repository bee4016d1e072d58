variable "bucket_policy" {
  type = string
}

resource "aws_s3_bucket" "from_variable" {
  bucket = "acme-from-variable"
}

resource "aws_s3_bucket_policy" "from_variable" {
  bucket = aws_s3_bucket.from_variable.id
  policy = var.bucket_policy # unknown: aws-s3-policy-sse-kms-not-enforced
}
