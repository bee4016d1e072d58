resource "aws_s3_bucket" "uploads" {
  bucket = "acme-uploads"
}

resource "aws_lambda_permission" "s3" {
  statement_id   = "AllowS3"
  action         = "lambda:InvokeFunction"
  function_name  = "orders"
  principal      = "s3.amazonaws.com"
  source_arn     = aws_s3_bucket.uploads.arn
  source_account = "111122223333"
}

resource "aws_lambda_permission" "account" {
  statement_id  = "AllowPartner"
  action        = "lambda:InvokeFunction"
  function_name = "orders"
  principal     = "444455556666"
}
