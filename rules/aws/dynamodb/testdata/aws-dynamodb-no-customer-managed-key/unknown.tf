variable "encrypted" {
  type = bool
}

variable "key_arn" {
  type = string
}

resource "aws_dynamodb_table" "flag" {
  name         = "flag"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
  server_side_encryption {
    enabled = var.encrypted # unknown: aws-dynamodb-no-customer-managed-key
  }
}

resource "aws_dynamodb_table" "key" {
  name         = "key"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
  server_side_encryption {
    enabled     = true
    kms_key_arn = var.key_arn # unknown: aws-dynamodb-no-customer-managed-key
  }
}
