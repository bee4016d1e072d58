resource "aws_redshift_security_group" "legacy" { # want: aws-redshift-classic-security-group "EC2-Classic cluster security group"
  name = "legacy"
  ingress {
    cidr = "10.0.0.0/8"
  }
}

resource "aws_redshift_cluster" "this" {
  cluster_identifier      = "warehouse"
  node_type               = "ra3.xlplus"
  number_of_nodes         = 2
  master_username         = "admin"
  manage_master_password  = true
  cluster_security_groups = [aws_redshift_security_group.legacy.name] # want: aws-redshift-classic-security-group "uses"
}
