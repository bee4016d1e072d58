resource "aws_lambda_function_url" "iam" {
  function_name      = "orders"
  authorization_type = "AWS_IAM"
}
