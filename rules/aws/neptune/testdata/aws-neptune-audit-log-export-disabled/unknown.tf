variable "log_types" {
  type = list(string)
}

resource "aws_neptune_cluster" "this" {
  cluster_identifier             = "orders"
  storage_encrypted              = true
  enable_cloudwatch_logs_exports = var.log_types # unknown: aws-neptune-audit-log-export-disabled
}
