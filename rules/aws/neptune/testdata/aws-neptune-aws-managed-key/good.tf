resource "aws_kms_key" "neptune" {
  enable_key_rotation = true
}

resource "aws_neptune_cluster" "this" {
  cluster_identifier = "orders"
  storage_encrypted  = true
  kms_key_arn        = aws_kms_key.neptune.arn
}

# Not encrypted at all: aws-neptune-unencrypted says so.
resource "aws_neptune_cluster" "plain" {
  cluster_identifier = "plain"
}
