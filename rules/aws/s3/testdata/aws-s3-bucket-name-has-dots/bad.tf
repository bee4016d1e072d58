resource "aws_s3_bucket" "named" {
  bucket = "logs.example.com" # want: aws-s3-bucket-name-has-dots "name of S3 bucket aws_s3_bucket.named contains dots"
}

resource "aws_s3_bucket" "prefixed" {
  bucket_prefix = "reports.example." # want: aws-s3-bucket-name-has-dots "name prefix"
}
