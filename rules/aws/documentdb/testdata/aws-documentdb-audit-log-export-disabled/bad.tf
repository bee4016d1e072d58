resource "aws_docdb_cluster" "none" { # want: aws-documentdb-audit-log-export-disabled
  cluster_identifier          = "orders"
  master_username             = "docdbadmin"
  manage_master_user_password = true
  storage_encrypted           = true
}

resource "aws_docdb_cluster" "profiler" {
  cluster_identifier              = "payments"
  master_username                 = "docdbadmin"
  manage_master_user_password     = true
  storage_encrypted               = true
  enabled_cloudwatch_logs_exports = ["profiler"] # want: aws-documentdb-audit-log-export-disabled "audit log"
}
