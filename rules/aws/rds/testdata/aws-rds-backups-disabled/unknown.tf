variable "retention_days" {
  type = number
}

resource "aws_db_instance" "this" {
  identifier                  = "orders"
  engine                      = "postgres"
  instance_class              = "db.t4g.micro"
  allocated_storage           = 20
  username                    = "orders"
  manage_master_user_password = true
  backup_retention_period     = var.retention_days # unknown: aws-rds-backups-disabled
}
