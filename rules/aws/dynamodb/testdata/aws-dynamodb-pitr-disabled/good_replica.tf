resource "aws_dynamodb_table" "carts" {
  name             = "carts"
  billing_mode     = "PAY_PER_REQUEST"
  hash_key         = "id"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"
  attribute {
    name = "id"
    type = "S"
  }
  point_in_time_recovery {
    enabled = true
  }
  replica {
    region_name            = "eu-central-1"
    point_in_time_recovery = true
  }
}

resource "aws_dynamodb_table_replica" "carts_apse2" {
  provider               = aws.apse2
  global_table_arn       = aws_dynamodb_table.carts.arn
  point_in_time_recovery = true
}

provider "aws" {
  alias  = "apse2"
  region = "ap-southeast-2"
}
