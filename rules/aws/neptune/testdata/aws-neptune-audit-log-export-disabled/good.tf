resource "aws_neptune_cluster" "this" {
  cluster_identifier             = "orders"
  storage_encrypted              = true
  enable_cloudwatch_logs_exports = ["audit", "slowquery"]
}
