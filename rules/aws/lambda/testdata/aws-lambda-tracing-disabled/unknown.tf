variable "tracing_mode" {
  type = string
}

resource "aws_lambda_function" "worker" {
  function_name = "worker"
  role          = "arn:aws:iam::111122223333:role/worker"
  handler       = "main.handler"
  runtime       = "python3.12"
  filename      = "worker.zip"

  tracing_config {
    mode = var.tracing_mode # unknown: aws-lambda-tracing-disabled
  }
}
