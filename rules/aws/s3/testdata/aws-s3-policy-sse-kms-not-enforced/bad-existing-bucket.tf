# A policy for a bucket this code does not create is still that bucket's
# policy, and it denies neither plain HTTP nor uploads without SSE-KMS.
resource "aws_s3_bucket_policy" "existing" {
  bucket = "acme-existing-bucket"
  policy = jsonencode({ # want: aws-s3-policy-sse-kms-not-enforced
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::acme-existing-bucket/*"
    }]
  })
}

data "aws_s3_bucket" "looked_up" {
  bucket = "acme-looked-up"
}

resource "aws_s3_bucket_policy" "looked_up" {
  bucket = data.aws_s3_bucket.looked_up.id
  policy = jsonencode({ # want: aws-s3-policy-sse-kms-not-enforced
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "s3:GetObject"
      Resource  = "${data.aws_s3_bucket.looked_up.arn}/*"
    }]
  })
}
