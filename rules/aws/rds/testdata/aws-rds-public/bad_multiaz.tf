# A Multi-AZ DB cluster (not Aurora) sets public access for its members.
resource "aws_rds_cluster" "ledger" {
  cluster_identifier          = "ledger"
  engine                      = "postgres"
  db_cluster_instance_class   = "db.m6gd.large"
  storage_type                = "io1"
  allocated_storage           = 100
  iops                        = 1000
  master_username             = "ledger"
  manage_master_user_password = true
  storage_encrypted           = true
  publicly_accessible         = true # want: aws-rds-public
}
