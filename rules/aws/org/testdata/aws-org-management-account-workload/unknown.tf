# args: --management-account-id 111111111111
# The provider does not say which account it deploys to.
provider "aws" {
  region = "eu-west-1"
}

resource "aws_dynamodb_table" "sessions" { # unknown: aws-org-management-account-workload
  name         = "sessions"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
}
