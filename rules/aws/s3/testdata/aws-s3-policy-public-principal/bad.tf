resource "aws_s3_bucket" "website" {
  bucket = "acme-website"
}

resource "aws_s3_bucket_policy" "website" {
  bucket = aws_s3_bucket.website.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PublicRead"
      Effect    = "Allow"
      Principal = "*" # want: aws-s3-policy-public-principal
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.website.arn}/*"
    }]
  })
}

# Provider v3 inline policy: anyone may upload (critical), and a condition
# on transport does not limit who.
resource "aws_s3_bucket" "uploads" {
  bucket = "acme-uploads"
  policy = trimspace( # want: aws-s3-policy-public-principal
    <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Principal": {"AWS": "*"},
          "Action": ["s3:PutObject"],
          "Resource": "arn:aws:s3:::acme-uploads/*",
          "Condition": {"Bool": {"aws:SecureTransport": "true"}}
        }
      ]
    }
  POLICY
  )
}
