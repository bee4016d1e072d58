resource "aws_docdb_cluster" "default" { # want: aws-documentdb-unencrypted "not encrypted"
  cluster_identifier          = "orders"
  master_username             = "docdbadmin"
  manage_master_user_password = true
}

resource "aws_docdb_cluster" "off" {
  cluster_identifier          = "payments"
  master_username             = "docdbadmin"
  manage_master_user_password = true
  storage_encrypted           = false # want: aws-documentdb-unencrypted
}
