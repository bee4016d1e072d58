variable "log_types" {
  type = list(string)
}

resource "aws_docdb_cluster" "this" {
  cluster_identifier              = "orders"
  master_username                 = "docdbadmin"
  manage_master_user_password     = true
  storage_encrypted               = true
  enabled_cloudwatch_logs_exports = var.log_types # unknown: aws-documentdb-audit-log-export-disabled
}
