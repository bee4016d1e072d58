variable "bucket_name" {
  type = string
}

resource "aws_s3_bucket" "this" {
  bucket = var.bucket_name # unknown: aws-s3-bucket-name-has-dots
}

variable "site_bucket" {
  type = string
}

# The website configuration may be this bucket's.
resource "aws_s3_bucket" "site" { # unknown: aws-s3-bucket-name-has-dots "may configure this bucket"
  bucket = "www.example.com"
}

resource "aws_s3_bucket_website_configuration" "site" {
  bucket = var.site_bucket
  index_document {
    suffix = "index.html"
  }
}
