variable "buckets" {
  type = list(string)
}

resource "aws_iam_policy" "etl" {
  name = "etl"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject"], Resource = var.buckets }] # unknown: aws-iam-s3-read-write-all-buckets
  })
}
