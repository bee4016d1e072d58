resource "aws_db_instance" "default" { # want: aws-rds-iam-auth-disabled "does not use IAM database authentication"
  identifier                  = "orders"
  engine                      = "postgres"
  instance_class              = "db.t4g.micro"
  allocated_storage           = 20
  username                    = "orders"
  manage_master_user_password = true
}

resource "aws_db_instance" "off" {
  identifier                          = "payments"
  engine                              = "MySQL"
  instance_class                      = "db.t4g.micro"
  allocated_storage                   = 20
  username                            = "payments"
  manage_master_user_password         = true
  iam_database_authentication_enabled = false # want: aws-rds-iam-auth-disabled
}

resource "aws_rds_cluster" "aurora" { # want: aws-rds-iam-auth-disabled "cluster"
  cluster_identifier          = "ledger"
  engine                      = "aurora-mysql"
  master_username             = "ledger"
  manage_master_user_password = true
}
