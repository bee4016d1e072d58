resource "aws_dynamodb_table" "owned" { # want: aws-dynamodb-no-customer-managed-key "key AWS owns or manages"
  name         = "owned"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_dynamodb_table" "off" {
  name         = "off"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
  server_side_encryption {
    enabled = false # want: aws-dynamodb-no-customer-managed-key
  }
}

resource "aws_dynamodb_table" "managed" {
  name         = "managed"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
  server_side_encryption { # want: aws-dynamodb-no-customer-managed-key
    enabled = true
  }
}

resource "aws_dynamodb_table" "alias" {
  name         = "alias"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
  server_side_encryption {
    enabled     = true
    kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:alias/aws/dynamodb" # want: aws-dynamodb-no-customer-managed-key
  }
}

resource "aws_kms_key" "orders" {
  enable_key_rotation = true
}

resource "aws_dynamodb_table" "global" {
  name             = "global"
  billing_mode     = "PAY_PER_REQUEST"
  hash_key         = "id"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"
  attribute {
    name = "id"
    type = "S"
  }
  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.orders.arn
  }
  replica { # want: aws-dynamodb-no-customer-managed-key "replica us-east-1"
    region_name = "us-east-1"
  }
}
