resource "aws_db_instance" "default" { # want: aws-rds-performance-insights-disabled "does not have Performance Insights on"
  identifier                  = "orders"
  engine                      = "postgres"
  instance_class              = "db.r6g.large"
  allocated_storage           = 20
  username                    = "orders"
  manage_master_user_password = true
}

resource "aws_rds_cluster" "aurora" {
  cluster_identifier          = "ledger"
  engine                      = "aurora-postgresql"
  master_username             = "ledger"
  manage_master_user_password = true
}

resource "aws_rds_cluster_instance" "member" {
  cluster_identifier           = aws_rds_cluster.aurora.id
  instance_class               = "db.r6g.large"
  engine                       = "aurora-postgresql"
  performance_insights_enabled = false # want: aws-rds-performance-insights-disabled
}
