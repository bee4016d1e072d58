resource "aws_dax_cluster" "default" { # want: aws-dynamodb-dax-unencrypted "not encrypted at rest"
  cluster_name       = "default"
  iam_role_arn       = "arn:aws:iam::111122223333:role/dax"
  node_type          = "dax.r5.large"
  replication_factor = 3
}

resource "aws_dax_cluster" "off" {
  cluster_name       = "off"
  iam_role_arn       = "arn:aws:iam::111122223333:role/dax"
  node_type          = "dax.r5.large"
  replication_factor = 3
  server_side_encryption {
    enabled = false # want: aws-dynamodb-dax-unencrypted
  }
}
