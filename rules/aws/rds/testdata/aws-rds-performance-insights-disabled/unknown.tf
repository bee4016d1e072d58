variable "instance_class" {
  type = string
}

resource "aws_db_instance" "this" {
  identifier                  = "orders"
  engine                      = "postgres"
  instance_class              = var.instance_class # unknown: aws-rds-performance-insights-disabled
  allocated_storage           = 20
  username                    = "orders"
  manage_master_user_password = true
}
