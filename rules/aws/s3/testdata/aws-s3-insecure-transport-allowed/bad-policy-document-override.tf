# An override document whose statement has the same Sid as the baseline's
# deny replaces it: the merged policy no longer denies plain HTTP.
data "aws_iam_policy_document" "baseline" {
  statement {
    sid       = "Transport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = ["arn:aws:s3:::acme-overridden", "arn:aws:s3:::acme-overridden/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

data "aws_iam_policy_document" "bucket" {
  source_policy_documents = [data.aws_iam_policy_document.baseline.json]
  override_policy_documents = [jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Transport"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::acme-overridden/*"
    }]
  })]
}

resource "aws_s3_bucket" "overridden" {
  bucket = "acme-overridden"
}

resource "aws_s3_bucket_policy" "overridden" {
  bucket = aws_s3_bucket.overridden.id
  policy = data.aws_iam_policy_document.bucket.json # want: aws-s3-insecure-transport-allowed
}
