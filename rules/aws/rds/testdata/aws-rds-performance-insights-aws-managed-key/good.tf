resource "aws_kms_key" "rds" {
  enable_key_rotation = true
}

resource "aws_db_instance" "this" {
  identifier                      = "orders"
  engine                          = "postgres"
  instance_class                  = "db.r6g.large"
  allocated_storage               = 20
  username                        = "orders"
  manage_master_user_password     = true
  performance_insights_enabled    = true
  performance_insights_kms_key_id = aws_kms_key.rds.arn
}

# Without Performance Insights there is nothing to encrypt.
resource "aws_db_instance" "off" {
  identifier                  = "payments"
  engine                      = "postgres"
  instance_class              = "db.r6g.large"
  allocated_storage           = 20
  username                    = "payments"
  manage_master_user_password = true
}
