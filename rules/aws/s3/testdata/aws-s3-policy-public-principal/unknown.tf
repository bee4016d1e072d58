variable "reader_principal" {
  type = string
}

resource "aws_s3_bucket" "shared" {
  bucket = "acme-shared"
}

resource "aws_s3_bucket_policy" "shared" {
  bucket = aws_s3_bucket.shared.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = var.reader_principal } # unknown: aws-s3-policy-public-principal
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::acme-shared/*"
    }]
  })
}
