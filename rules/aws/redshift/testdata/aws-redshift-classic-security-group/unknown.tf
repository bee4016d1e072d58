variable "groups" {
  type = list(string)
}

resource "aws_redshift_cluster" "this" {
  cluster_identifier      = "warehouse"
  node_type               = "ra3.xlplus"
  number_of_nodes         = 2
  master_username         = "admin"
  manage_master_password  = true
  cluster_security_groups = var.groups # unknown: aws-redshift-classic-security-group
}
