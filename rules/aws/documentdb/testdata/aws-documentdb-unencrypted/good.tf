resource "aws_docdb_cluster" "this" {
  cluster_identifier          = "orders"
  master_username             = "docdbadmin"
  manage_master_user_password = true
  storage_encrypted           = true
}
