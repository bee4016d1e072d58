variable "auth" {
  type = string
}

resource "aws_lambda_function_url" "this" {
  function_name      = "orders"
  authorization_type = var.auth # unknown: aws-lambda-url-no-auth
}
