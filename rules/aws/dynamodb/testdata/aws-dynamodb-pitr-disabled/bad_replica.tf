# Point-in-time recovery of a global table's replicas is set per replica
# and is off unless the replica turns it on.
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
  replica { # want: aws-dynamodb-pitr-disabled
    region_name = "eu-central-1"
  }
  replica {
    region_name            = "us-east-1"
    point_in_time_recovery = false # want: aws-dynamodb-pitr-disabled
  }
}

resource "aws_dynamodb_table_replica" "carts_apse2" { # want: aws-dynamodb-pitr-disabled
  provider         = aws.apse2
  global_table_arn = aws_dynamodb_table.carts.arn
}

provider "aws" {
  alias  = "apse2"
  region = "ap-southeast-2"
}
