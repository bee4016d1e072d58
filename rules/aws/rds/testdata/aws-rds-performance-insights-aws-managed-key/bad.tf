resource "aws_db_instance" "default" { # want: aws-rds-performance-insights-aws-managed-key "AWS managed key"
  identifier                   = "orders"
  engine                       = "postgres"
  instance_class               = "db.r6g.large"
  allocated_storage            = 20
  username                     = "orders"
  manage_master_user_password  = true
  performance_insights_enabled = true
}

resource "aws_db_instance" "alias" {
  identifier                      = "payments"
  engine                          = "postgres"
  instance_class                  = "db.r6g.large"
  allocated_storage               = 20
  username                        = "payments"
  manage_master_user_password     = true
  performance_insights_enabled    = true
  performance_insights_kms_key_id = "arn:aws:kms:eu-west-1:111122223333:alias/aws/rds" # want: aws-rds-performance-insights-aws-managed-key
}
