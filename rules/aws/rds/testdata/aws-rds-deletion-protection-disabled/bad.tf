resource "aws_db_instance" "default" { # want: aws-rds-deletion-protection-disabled "instance aws_db_instance.default has no deletion protection"
  identifier                  = "orders"
  engine                      = "postgres"
  instance_class              = "db.t4g.micro"
  allocated_storage           = 20
  username                    = "orders"
  manage_master_user_password = true
  storage_encrypted           = true
}

resource "aws_db_instance" "off" {
  identifier                  = "payments"
  engine                      = "mysql"
  instance_class              = "db.t4g.micro"
  allocated_storage           = 20
  username                    = "payments"
  manage_master_user_password = true
  storage_encrypted           = true
  deletion_protection         = false # want: aws-rds-deletion-protection-disabled
}

resource "aws_rds_cluster" "aurora" { # want: aws-rds-deletion-protection-disabled "cluster"
  cluster_identifier          = "ledger"
  engine                      = "aurora-postgresql"
  master_username             = "ledger"
  manage_master_user_password = true
  storage_encrypted           = true
}

resource "aws_rds_cluster_instance" "member" {
  cluster_identifier = aws_rds_cluster.aurora.id
  instance_class     = "db.r6g.large"
  engine             = "aurora-postgresql"
}
