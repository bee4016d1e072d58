# A policy for a bucket this code does not create, denying plain HTTP and
# uploads without SSE-KMS.
resource "aws_s3_bucket_policy" "existing" {
  bucket = "acme-existing-bucket"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = ["arn:aws:s3:::acme-existing-bucket", "arn:aws:s3:::acme-existing-bucket/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
      {
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:PutObject"
        Resource  = "arn:aws:s3:::acme-existing-bucket/*"
        Condition = { StringNotEquals = { "s3:x-amz-server-side-encryption" = "aws:kms" } }
      },
    ]
  })
}
