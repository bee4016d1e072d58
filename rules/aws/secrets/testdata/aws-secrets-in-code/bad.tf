provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIAUJZDEGXDNCF32EPF"                     # want: aws-secrets-in-code
  secret_key = "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" # want: aws-secrets-in-code
}

variable "deploy_secret" {
  type      = string
  sensitive = true
  default   = "I8ihN5KXSc7Tvo+hBKqFYY+kv5ZJr3J1TWDtkwtD" # want: aws-secrets-in-code
}

variable "ci_credentials" {
  type = map(string)
  default = {
    id     = "AKIAOA7LQSAJ2XUID5ZZ"                     # want: aws-secrets-in-code
    secret = "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" # want: aws-secrets-in-code
  }
}

resource "aws_lambda_function" "sync" {
  function_name = "sync"
  role          = "arn:aws:iam::111122223333:role/sync"
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "sync.zip"

  environment {
    variables = {
      UPSTREAM_KEY_ID = "ASIAOGFQRCLRI3QZJ7UF"                     # want: aws-secrets-in-code
      UPSTREAM_KEY    = "yEZDz+TddJ8HyS5SUkCnD8zRA9a9SkpXz9w3QlY7" # want: aws-secrets-in-code
      DEPLOY_SECRET   = var.deploy_secret
      LOG_LEVEL       = "info"
    }
  }
}
