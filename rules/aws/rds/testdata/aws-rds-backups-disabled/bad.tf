resource "aws_db_instance" "off" {
  identifier                  = "orders"
  engine                      = "postgres"
  instance_class              = "db.t4g.micro"
  allocated_storage           = 20
  username                    = "orders"
  manage_master_user_password = true
  backup_retention_period     = 0 # want: aws-rds-backups-disabled "turned off"
}
