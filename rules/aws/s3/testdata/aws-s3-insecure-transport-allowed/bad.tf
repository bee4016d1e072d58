resource "aws_s3_bucket" "no_policy" { # want: aws-s3-insecure-transport-allowed
  bucket = "acme-no-policy"
}

# A policy that grants access but never denies plain HTTP.
resource "aws_s3_bucket" "shared" {
  bucket = "acme-shared"
}

resource "aws_s3_bucket_policy" "shared" {
  bucket = aws_s3_bucket.shared.id
  policy = jsonencode({ # want: aws-s3-insecure-transport-allowed
    Version = "2012-10-17"
    Statement = [{
      Sid       = "ReadFromPartner"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::acme-shared/*"
    }]
  })
}

# Provider v3 inline policy denying old TLS versions only: plain HTTP
# requests have no TLS version, so they are not denied.
resource "aws_s3_bucket" "legacy" {
  bucket = "acme-legacy"
  policy = trimspace( # want: aws-s3-insecure-transport-allowed
    <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Deny",
          "Principal": "*",
          "Action": "s3:*",
          "Resource": ["arn:aws:s3:::acme-legacy", "arn:aws:s3:::acme-legacy/*"],
          "Condition": {"NumericLessThan": {"s3:TlsVersion": "1.2"}}
        }
      ]
    }
  POLICY
  )
}
