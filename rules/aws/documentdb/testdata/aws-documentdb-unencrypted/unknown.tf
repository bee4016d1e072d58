variable "encrypted" {
  type = bool
}

resource "aws_docdb_cluster" "this" {
  cluster_identifier          = "orders"
  master_username             = "docdbadmin"
  manage_master_user_password = true
  storage_encrypted           = var.encrypted # unknown: aws-documentdb-unencrypted
}

resource "aws_docdb_cluster" "restored" { # unknown: aws-documentdb-unencrypted "source snapshot"
  cluster_identifier  = "restored"
  snapshot_identifier = "orders-final"
}
