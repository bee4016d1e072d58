resource "aws_db_instance" "this" {
  identifier                          = "orders"
  engine                              = "postgres"
  instance_class                      = "db.t4g.micro"
  allocated_storage                   = 20
  username                            = "orders"
  manage_master_user_password         = true
  iam_database_authentication_enabled = true
}

# Oracle has no IAM database authentication.
resource "aws_db_instance" "oracle" {
  identifier                  = "erp"
  engine                      = "oracle-se2"
  license_model               = "license-included"
  instance_class              = "db.m6i.large"
  allocated_storage           = 100
  username                    = "erp"
  manage_master_user_password = true
}

resource "aws_rds_cluster" "aurora" {
  cluster_identifier                  = "ledger"
  engine                              = "aurora-postgresql"
  master_username                     = "ledger"
  manage_master_user_password         = true
  iam_database_authentication_enabled = true
}

# The cluster holds the setting for its instances.
resource "aws_rds_cluster_instance" "member" {
  cluster_identifier = aws_rds_cluster.aurora.id
  instance_class     = "db.r6g.large"
  engine             = "aurora-postgresql"
}
