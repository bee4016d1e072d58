resource "aws_s3_bucket" "data" {
  bucket = "data"
}

resource "aws_iam_policy" "everything" {
  name = "everything"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }] # want: aws-iam-s3-full-access "aws_iam_policy.everything allows every S3 action on every bucket and object"
  })
}

data "aws_iam_policy_document" "bucket" {
  statement {
    actions   = ["s3:*"] # want: aws-iam-s3-full-access "on the resources it names"
    resources = [aws_s3_bucket.data.arn, "${aws_s3_bucket.data.arn}/*"]
  }
}

resource "aws_iam_role_policy" "bucket" {
  name   = "bucket"
  role   = "app"
  policy = data.aws_iam_policy_document.bucket.json
}

resource "aws_iam_group_policy" "star_on_s3" {
  name  = "star-on-s3"
  group = "ops"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["*"], Resource = ["arn:aws:s3:::logs", "arn:aws:s3:::logs/*"] }, # want: aws-iam-s3-full-access
      { Effect = "Allow", NotAction = ["iam:*", "organizations:*"], Resource = "*" },                   # want: aws-iam-s3-full-access
    ]
  })
}
