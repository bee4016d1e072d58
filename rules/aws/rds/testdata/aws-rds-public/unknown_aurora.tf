variable "public" {
  type = bool
}

resource "aws_rds_cluster_instance" "orders" {
  identifier          = "orders-1"
  cluster_identifier  = "orders"
  instance_class      = "db.r6g.large"
  engine              = "aurora-postgresql"
  publicly_accessible = var.public # unknown: aws-rds-public
}
