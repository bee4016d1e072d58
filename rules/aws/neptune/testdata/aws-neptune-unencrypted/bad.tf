resource "aws_neptune_cluster" "default" { # want: aws-neptune-unencrypted "not encrypted"
  cluster_identifier = "orders"
}

resource "aws_neptune_cluster" "off" {
  cluster_identifier = "payments"
  storage_encrypted  = false # want: aws-neptune-unencrypted
}
