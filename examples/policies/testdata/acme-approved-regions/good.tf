provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "frankfurt"
  region = "eu-central-1"
}

resource "aws_s3_bucket" "ireland" {
  bucket = "acme-ireland"
}

resource "aws_dynamodb_table" "frankfurt" {
  provider     = aws.frankfurt
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
}
