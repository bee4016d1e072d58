resource "aws_lambda_permission" "anyone" {
  statement_id  = "AllowAnyone"
  action        = "lambda:InvokeFunction"
  function_name = "orders"
  principal     = "*" # want: aws-lambda-permission-public
}

resource "aws_lambda_permission" "s3_any_account" {
  statement_id  = "AllowS3"
  action        = "lambda:InvokeFunction"
  function_name = "orders"
  principal     = "s3.amazonaws.com" # want: aws-lambda-permission-public
}
