resource "aws_s3_bucket" "no_policy" { # want: aws-s3-policy-sse-kms-not-enforced
  bucket = "acme-no-policy"
}

# The policy requires HTTPS but lets uploads choose SSE-S3.
resource "aws_s3_bucket" "records" {
  bucket = "acme-records"
}

resource "aws_s3_bucket_policy" "records" {
  bucket = aws_s3_bucket.records.id
  policy = jsonencode({ # want: aws-s3-policy-sse-kms-not-enforced
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["arn:aws:s3:::acme-records", "arn:aws:s3:::acme-records/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

# Denies uploads that are not AES256: the opposite of what is wanted.
resource "aws_s3_bucket" "legacy" {
  bucket = "acme-legacy"
  policy = trimspace( # want: aws-s3-policy-sse-kms-not-enforced
    <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Deny",
          "Principal": "*",
          "Action": "s3:PutObject",
          "Resource": "arn:aws:s3:::acme-legacy/*",
          "Condition": {"StringNotEquals": {"s3:x-amz-server-side-encryption": "AES256"}}
        }
      ]
    }
  POLICY
  )
}
