resource "aws_neptune_cluster" "none" { # want: aws-neptune-audit-log-export-disabled
  cluster_identifier = "orders"
  storage_encrypted  = true
}

resource "aws_neptune_cluster" "slowquery" {
  cluster_identifier             = "payments"
  storage_encrypted              = true
  enable_cloudwatch_logs_exports = ["slowquery"] # want: aws-neptune-audit-log-export-disabled "audit log"
}
