variable "protect" {
  type = bool
}

resource "aws_db_instance" "this" {
  identifier                  = "orders"
  engine                      = "postgres"
  instance_class              = "db.t4g.micro"
  allocated_storage           = 20
  username                    = "orders"
  manage_master_user_password = true
  storage_encrypted           = true
  deletion_protection         = var.protect # unknown: aws-rds-deletion-protection-disabled
}
