resource "aws_s3_bucket" "orders" { # want: aws-s3-access-logging-disabled "has no server access logging"
  bucket = "example-orders"
}
