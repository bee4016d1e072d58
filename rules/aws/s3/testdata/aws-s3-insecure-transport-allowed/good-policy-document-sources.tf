# The bucket policy is assembled from shared documents with
# source_policy_documents, as landing zones do: the deny of plain HTTP
# comes from the baseline document.
data "aws_iam_policy_document" "deny_insecure_transport" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = ["arn:aws:s3:::acme-assembled", "arn:aws:s3:::acme-assembled/*"]
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

data "aws_iam_policy_document" "read" {
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::acme-assembled/*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }
}

data "aws_iam_policy_document" "bucket" {
  source_policy_documents = [
    data.aws_iam_policy_document.deny_insecure_transport.json,
    data.aws_iam_policy_document.read.json,
  ]
}

resource "aws_s3_bucket" "assembled" {
  bucket = "acme-assembled"
}

resource "aws_s3_bucket_policy" "assembled" {
  bucket = aws_s3_bucket.assembled.id
  policy = data.aws_iam_policy_document.bucket.json
}
