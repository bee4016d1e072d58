resource "aws_rds_cluster" "orders" {
  cluster_identifier          = "orders"
  engine                      = "aurora-postgresql"
  master_username             = "orders"
  manage_master_user_password = true
  storage_encrypted           = true
}

resource "aws_rds_cluster_instance" "orders" {
  count               = 2
  identifier          = "orders-${count.index}"
  cluster_identifier  = aws_rds_cluster.orders.id
  instance_class      = "db.r6g.large"
  engine              = aws_rds_cluster.orders.engine
  publicly_accessible = true # want: aws-rds-public aws-rds-public
}
