resource "aws_s3_bucket" "named" {
  bucket = "example-com-logs"
}

resource "aws_s3_bucket" "prefixed" {
  bucket_prefix = "reports-"
}

# Terraform generates the name.
resource "aws_s3_bucket" "generated" {}

# A website bucket is named after its domain.
resource "aws_s3_bucket" "site" {
  bucket = "www.example.com"
}

resource "aws_s3_bucket_website_configuration" "site" {
  bucket = aws_s3_bucket.site.id
  index_document {
    suffix = "index.html"
  }
}
