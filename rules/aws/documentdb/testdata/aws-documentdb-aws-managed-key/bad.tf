resource "aws_docdb_cluster" "default_key" { # want: aws-documentdb-aws-managed-key "aws/rds"
  cluster_identifier          = "orders"
  master_username             = "docdbadmin"
  manage_master_user_password = true
  storage_encrypted           = true
}

resource "aws_docdb_cluster" "alias" {
  cluster_identifier          = "payments"
  master_username             = "docdbadmin"
  manage_master_user_password = true
  storage_encrypted           = true
  kms_key_id                  = "arn:aws:kms:eu-west-1:111122223333:alias/aws/rds" # want: aws-documentdb-aws-managed-key
}
