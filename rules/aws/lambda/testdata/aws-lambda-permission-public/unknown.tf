variable "caller" {
  type = string
}

resource "aws_lambda_permission" "this" {
  statement_id  = "AllowCaller"
  action        = "lambda:InvokeFunction"
  function_name = "orders"
  principal     = var.caller # unknown: aws-lambda-permission-public
}
