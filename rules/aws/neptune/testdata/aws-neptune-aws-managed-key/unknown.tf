variable "kms_key" {
  type = string
}

resource "aws_neptune_cluster" "this" {
  cluster_identifier = "orders"
  storage_encrypted  = true
  kms_key_arn        = var.kms_key # unknown: aws-neptune-aws-managed-key
}
