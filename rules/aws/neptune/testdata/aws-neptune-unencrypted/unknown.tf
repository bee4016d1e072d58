variable "encrypted" {
  type = bool
}

resource "aws_neptune_cluster" "this" {
  cluster_identifier = "orders"
  storage_encrypted  = var.encrypted # unknown: aws-neptune-unencrypted
}

resource "aws_neptune_cluster" "restored" { # unknown: aws-neptune-unencrypted "source snapshot"
  cluster_identifier  = "restored"
  snapshot_identifier = "orders-final"
}
