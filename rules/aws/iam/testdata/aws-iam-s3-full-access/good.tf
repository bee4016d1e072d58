resource "aws_s3_bucket" "data" {
  bucket = "data"
}

data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["s3:GetObject", "s3:PutObject", "s3:Get*"]
    resources = ["${aws_s3_bucket.data.arn}/*"]
  }
  statement {
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = ["*"]
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
  statement {
    actions   = ["sqs:*"]
    resources = ["*"]
  }
  statement {
    not_actions = ["s3:*"]
    resources   = ["arn:aws:sqs:eu-west-1:111122223333:jobs"]
  }
}

resource "aws_iam_policy" "app" {
  name   = "app"
  policy = data.aws_iam_policy_document.app.json
}
