variable "key_arn" {
  type = string
}

resource "aws_db_instance" "this" {
  identifier                      = "orders"
  engine                          = "postgres"
  instance_class                  = "db.r6g.large"
  allocated_storage               = 20
  username                        = "orders"
  manage_master_user_password     = true
  performance_insights_enabled    = true
  performance_insights_kms_key_id = var.key_arn # unknown: aws-rds-performance-insights-aws-managed-key
}
