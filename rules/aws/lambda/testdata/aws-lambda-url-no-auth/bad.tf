resource "aws_lambda_function_url" "public" {
  function_name      = "orders"
  authorization_type = "NONE" # want: aws-lambda-url-no-auth
}
