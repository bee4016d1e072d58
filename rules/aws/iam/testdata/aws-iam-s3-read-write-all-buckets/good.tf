resource "aws_s3_bucket" "raw" {
  bucket = "raw"
}

data "aws_iam_policy_document" "etl" {
  statement {
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${aws_s3_bucket.raw.arn}/*", "arn:aws:s3:::curated/*"]
  }
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "etl" {
  name   = "etl"
  policy = data.aws_iam_policy_document.etl.json
}

# Every S3 action is aws-iam-s3-full-access's finding.
resource "aws_iam_policy" "full" {
  name = "full"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }]
  })
}
