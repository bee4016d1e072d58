# The statement's effect is chosen by a variable with no value: whether
# plain HTTP is denied is not known, and the template's other parts do not
# decide it.
variable "enforce_tls" {
  type = bool
}

resource "aws_s3_bucket" "reports" {
  bucket_prefix = "reports-"
}

locals {
  reports_policy = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "%{if var.enforce_tls}Deny%{else}Allow%{endif}",
          "Principal": "*",
          "Action": "s3:*",
          "Resource": ["${aws_s3_bucket.reports.arn}", "${aws_s3_bucket.reports.arn}/*"],
          "Condition": {"Bool": {"aws:SecureTransport": "false"}}
        }
      ]
    }
  POLICY
}

resource "aws_s3_bucket_policy" "reports" {
  bucket = aws_s3_bucket.reports.id
  policy = local.reports_policy # unknown: aws-s3-insecure-transport-allowed
}
