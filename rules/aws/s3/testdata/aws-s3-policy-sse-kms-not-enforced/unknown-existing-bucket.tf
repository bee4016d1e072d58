# A policy for a bucket this code does not create, which is created only
# when a variable says so.
variable "attach_policy" {
  type = bool
}

resource "aws_s3_bucket_policy" "existing" {
  count  = var.attach_policy ? 1 : 0
  bucket = "acme-existing-bucket"
  policy = jsonencode({ # unknown: aws-s3-policy-sse-kms-not-enforced
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::acme-existing-bucket/*"
    }]
  })
}
