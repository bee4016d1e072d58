provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "untagged" { # want: acme-owner-tag
  bucket = "acme-untagged"
}

resource "aws_dynamodb_table" "orders" { # want: acme-owner-tag
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
  tags = {
    team = "payments"
  }
}

resource "aws_kms_key" "blank_owner" { # want: acme-owner-tag
  tags = {
    owner = ""
  }
}
