resource "aws_db_instance" "default" { # want: aws-rds-unencrypted
  engine            = "postgres"
  instance_class    = "db.t4g.micro"
  allocated_storage = 20
  username          = "app"
  password          = var.db_password
}

resource "aws_rds_cluster" "aurora" {
  engine            = "aurora-postgresql"
  master_username   = "app"
  master_password   = var.db_password
  storage_encrypted = false # want: aws-rds-unencrypted
}

resource "aws_rds_cluster_instance" "aurora" {
  cluster_identifier = aws_rds_cluster.aurora.id
  engine             = "aurora-postgresql"
  instance_class     = "db.r6g.large"
}

variable "db_password" {
  type      = string
  sensitive = true
}
