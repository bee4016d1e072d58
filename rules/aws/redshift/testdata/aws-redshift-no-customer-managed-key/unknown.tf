variable "kms_key" {
  type = string
}

resource "aws_redshift_cluster" "this" {
  cluster_identifier     = "warehouse"
  node_type              = "ra3.xlplus"
  number_of_nodes        = 2
  master_username        = "admin"
  manage_master_password = true
  encrypted              = true
  kms_key_id             = var.kms_key # unknown: aws-redshift-no-customer-managed-key
}
