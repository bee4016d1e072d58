variable "acl" {
  type = string
}

resource "aws_s3_bucket" "this" {
  bucket = "example-data"
}

resource "aws_s3_bucket_acl" "this" {
  bucket = aws_s3_bucket.this.id
  acl    = var.acl # unknown: aws-s3-acl-public
}
