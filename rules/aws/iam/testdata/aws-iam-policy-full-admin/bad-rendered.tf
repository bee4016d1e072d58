# A policy rendered with format() whose second statement names a bucket
# known only after apply: the first statement grants everything all the
# same.
resource "aws_s3_bucket" "artifacts" {
  bucket_prefix = "artifacts-"
}

locals {
  # The finding points at the rendered document.
  deployer_policy = format( # want: aws-iam-policy-full-admin
    <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        {"Effect": "Allow", "Action": "*", "Resource": "*"},
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "%s/*"}
      ]
    }
    POLICY
    , aws_s3_bucket.artifacts.arn
  )
}

resource "aws_iam_policy" "deployer" {
  name   = "deployer"
  policy = local.deployer_policy
}
