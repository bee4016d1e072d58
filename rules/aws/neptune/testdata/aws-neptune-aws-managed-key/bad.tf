resource "aws_neptune_cluster" "default_key" { # want: aws-neptune-aws-managed-key "aws/rds"
  cluster_identifier = "orders"
  storage_encrypted  = true
}

resource "aws_neptune_cluster" "alias" {
  cluster_identifier = "payments"
  storage_encrypted  = true
  kms_key_arn        = "arn:aws:kms:eu-west-1:111122223333:alias/aws/rds" # want: aws-neptune-aws-managed-key
}
