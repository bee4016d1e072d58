resource "aws_s3_bucket" "records" {
  bucket = "acme-records"
}

resource "aws_s3_bucket_policy" "records" {
  bucket = aws_s3_bucket.records.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "DenyUploadsWithoutKMS"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:PutObject"
        Resource  = "${aws_s3_bucket.records.arn}/*"
        Condition = { StringNotEquals = { "s3:x-amz-server-side-encryption" = "aws:kms" } }
      },
    ]
  })
}

# The Null form refuses uploads that do not name an encryption.
resource "aws_s3_bucket" "exports" {
  bucket = "acme-exports"
}

resource "aws_s3_bucket_policy" "exports" {
  bucket = "acme-exports"
  policy = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Deny",
          "Principal": {"AWS": "*"},
          "Action": "s3:Put*",
          "Resource": "arn:aws:s3:::acme-exports/*",
          "Condition": {"Null": {"s3:x-amz-server-side-encryption": "true"}}
        }
      ]
    }
  POLICY
}
