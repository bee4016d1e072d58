variable "name" {
  type = string
}

resource "aws_sqs_queue" "this" { # want: aws-org-management-account-workload
  name = var.name
}

resource "aws_lambda_function" "worker" { # want: aws-org-management-account-workload
  function_name = "${var.name}-worker"
  role          = "arn:aws:iam::111111111111:role/worker"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "worker.zip"
}

resource "aws_cloudwatch_log_group" "worker" {
  name = "/aws/lambda/${var.name}-worker"
}
