resource "aws_redshift_subnet_group" "private" {
  name       = "warehouse"
  subnet_ids = ["subnet-0a1b2c3d", "subnet-1a2b3c4d"]
}

resource "aws_redshift_cluster" "this" {
  cluster_identifier        = "warehouse"
  node_type                 = "ra3.xlplus"
  number_of_nodes           = 2
  master_username           = "admin"
  manage_master_password    = true
  cluster_subnet_group_name = aws_redshift_subnet_group.private.name
}
