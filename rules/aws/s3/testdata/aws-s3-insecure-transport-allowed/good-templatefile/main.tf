# The bucket policy is rendered from a template with the bucket's ARN,
# known only after apply: its Deny of plain HTTP is known all the same.
resource "aws_s3_bucket" "backend" {
  bucket_prefix = "backend-"
}

resource "aws_s3_bucket_policy" "backend" {
  bucket = aws_s3_bucket.backend.id
  policy = templatefile("${path.module}/bucket-policy.json.tpl", {
    bucket_arn = aws_s3_bucket.backend.arn
  })
}
