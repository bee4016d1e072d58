resource "aws_lambda_function" "worker" { # want: aws-lambda-tracing-disabled "worker does not trace"
  function_name = "worker"
  role          = "arn:aws:iam::111122223333:role/worker"
  handler       = "main.handler"
  runtime       = "python3.12"
  filename      = "worker.zip"
}

resource "aws_lambda_function" "resizer" {
  function_name = "resizer"
  role          = "arn:aws:iam::111122223333:role/resizer"
  handler       = "main.handler"
  runtime       = "python3.12"
  filename      = "resizer.zip"

  tracing_config {
    mode = "PassThrough" # want: aws-lambda-tracing-disabled
  }
}
