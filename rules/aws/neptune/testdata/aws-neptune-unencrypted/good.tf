resource "aws_neptune_cluster" "this" {
  cluster_identifier = "orders"
  storage_encrypted  = true
}
