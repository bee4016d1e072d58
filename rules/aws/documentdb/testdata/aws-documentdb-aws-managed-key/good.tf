resource "aws_kms_key" "docdb" {
  enable_key_rotation = true
}

resource "aws_docdb_cluster" "this" {
  cluster_identifier          = "orders"
  master_username             = "docdbadmin"
  manage_master_user_password = true
  storage_encrypted           = true
  kms_key_id                  = aws_kms_key.docdb.arn
}

# Not encrypted at all: aws-documentdb-unencrypted says so.
resource "aws_docdb_cluster" "plain" {
  cluster_identifier          = "plain"
  master_username             = "docdbadmin"
  manage_master_user_password = true
}
