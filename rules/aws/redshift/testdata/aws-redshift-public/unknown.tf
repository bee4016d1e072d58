resource "aws_redshift_cluster" "this" { # unknown: aws-redshift-public "provider"
  cluster_identifier     = "warehouse"
  node_type              = "ra3.xlplus"
  number_of_nodes        = 2
  master_username        = "admin"
  manage_master_password = true
}
