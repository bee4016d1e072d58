provider "aws" {
  region = "eu-west-1"
  assume_role {
    role_arn = "arn:aws:iam::111122223333:role/terraform"
  }
}

resource "aws_secretsmanager_secret" "upstream" {
  name = "upstream-api"
}

resource "aws_lambda_function" "sync" {
  function_name = "sync"
  role          = "arn:aws:iam::111122223333:role/sync"
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "sync.zip"

  environment {
    variables = {
      UPSTREAM_SECRET_ARN = aws_secretsmanager_secret.upstream.arn
      # A commit hash is 40 characters too, but not a key.
      BUILD_SHA = "3f786850e387550fdab836ed7e6dc881de23001b"
      # The documentation's example key pair.
      EXAMPLE_KEY_ID = "AKIAIOSFODNN7EXAMPLE"
      EXAMPLE_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    }
  }
}
