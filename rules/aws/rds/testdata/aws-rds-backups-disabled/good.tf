resource "aws_db_instance" "kept" {
  identifier                  = "orders"
  engine                      = "postgres"
  instance_class              = "db.t4g.micro"
  allocated_storage           = 20
  username                    = "orders"
  manage_master_user_password = true
  backup_retention_period     = 7
}

# Unset, AWS keeps automated backups for 1 day.
resource "aws_db_instance" "default" {
  identifier                  = "payments"
  engine                      = "postgres"
  instance_class              = "db.t4g.micro"
  allocated_storage           = 20
  username                    = "payments"
  manage_master_user_password = true
}

# A read replica's backups are optional.
resource "aws_db_instance" "replica" {
  identifier              = "orders-replica"
  replicate_source_db     = aws_db_instance.kept.identifier
  instance_class          = "db.t4g.micro"
  backup_retention_period = 0
}
