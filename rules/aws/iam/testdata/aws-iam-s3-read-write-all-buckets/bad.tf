resource "aws_iam_policy" "get_put" {
  name = "get-put"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:Get*", "s3:Put*"], Resource = "*" }] # want: aws-iam-s3-read-write-all-buckets "aws_iam_policy.get_put allows reading and writing objects"
  })
}

data "aws_iam_policy_document" "split" {
  statement {
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = ["arn:aws:s3:::*"]
  }
  statement {
    actions   = ["s3:PutObject"]
    resources = ["arn:aws:s3:::*/*"]
  }
}

resource "aws_iam_role_policy" "split" {
  name   = "split"
  role   = "etl"
  policy = data.aws_iam_policy_document.split.json # want: aws-iam-s3-read-write-all-buckets "aws_iam_role_policy.split"
}
