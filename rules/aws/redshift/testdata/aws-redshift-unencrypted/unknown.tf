resource "aws_redshift_cluster" "provider_default" { # unknown: aws-redshift-unencrypted "provider"
  cluster_identifier     = "warehouse"
  node_type              = "ra3.xlplus"
  number_of_nodes        = 2
  master_username        = "admin"
  manage_master_password = true
}

resource "aws_redshift_cluster" "restored" { # unknown: aws-redshift-unencrypted "snapshot"
  cluster_identifier  = "restored"
  snapshot_identifier = "warehouse-final"
  node_type           = "ra3.xlplus"
}
