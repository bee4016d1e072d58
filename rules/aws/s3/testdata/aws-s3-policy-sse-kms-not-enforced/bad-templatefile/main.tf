# The policy rendered from the template only denies plain HTTP: uploads
# without SSE-KMS are not refused. The bucket's ARN, known only after
# apply, does not hide that.
resource "aws_s3_bucket" "backend" {
  bucket_prefix = "backend-"
}

resource "aws_s3_bucket_policy" "backend" {
  bucket = aws_s3_bucket.backend.id
  policy = templatefile("${path.module}/bucket-policy.json.tpl", { # want: aws-s3-policy-sse-kms-not-enforced
    bucket_arn = aws_s3_bucket.backend.arn
  })
}
