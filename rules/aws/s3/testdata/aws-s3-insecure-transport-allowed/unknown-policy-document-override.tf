# An override document that is not known may replace the deny (it has a
# Sid), so whether plain HTTP is denied is not known.
variable "extra_policy" {
  type = string
}

data "aws_iam_policy_document" "bucket" {
  statement {
    sid       = "Transport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = ["arn:aws:s3:::acme-extended", "arn:aws:s3:::acme-extended/*"]
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
  override_policy_documents = [var.extra_policy]
}

resource "aws_s3_bucket" "extended" {
  bucket = "acme-extended"
}

resource "aws_s3_bucket_policy" "extended" {
  bucket = aws_s3_bucket.extended.id
  policy = data.aws_iam_policy_document.bucket.json # unknown: aws-s3-insecure-transport-allowed
}
