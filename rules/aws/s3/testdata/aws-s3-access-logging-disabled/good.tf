resource "aws_s3_bucket" "access_logs" {
  bucket = "example-access-logs"
}

resource "aws_s3_bucket" "orders" {
  bucket = "example-orders"
}

resource "aws_s3_bucket_logging" "orders" {
  bucket        = aws_s3_bucket.orders.id
  target_bucket = aws_s3_bucket.access_logs.id
  target_prefix = "orders/"
}

# Provider v3's inline block, naming the destination by name.
resource "aws_s3_bucket" "invoices" {
  bucket = "example-invoices"
  logging {
    target_bucket = "example-access-logs"
    target_prefix = "invoices/"
  }
}
