# A heredoc policy interpolating the bucket's ARN, known only after apply.
resource "aws_s3_bucket" "assets" {
  bucket_prefix = "assets-"
}

resource "aws_s3_bucket_policy" "assets" {
  bucket = aws_s3_bucket.assets.id
  policy = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Deny",
          "Principal": "*",
          "Action": "s3:*",
          "Resource": ["${aws_s3_bucket.assets.arn}", "${aws_s3_bucket.assets.arn}/*"],
          "Condition": {"Bool": {"aws:SecureTransport": "false"}}
        }
      ]
    }
  POLICY
}
