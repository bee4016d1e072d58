# The policy names the bucket with the same expression as the bucket's own
# name, so it is the bucket's policy, and it lets uploads choose SSE-S3.
variable "app" {
  type = string
}

data "aws_caller_identity" "current" {}

resource "aws_s3_bucket" "storage" {
  bucket = "${var.app}-${data.aws_caller_identity.current.account_id}"
}

resource "aws_s3_bucket_policy" "storage" {
  bucket = "${var.app}-${data.aws_caller_identity.current.account_id}"
  policy = jsonencode({ # want: aws-s3-policy-sse-kms-not-enforced
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = "*"
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}
