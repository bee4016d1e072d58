variable "iam_auth" {
  type = bool
}

resource "aws_db_instance" "flag" {
  identifier                          = "orders"
  engine                              = "postgres"
  instance_class                      = "db.t4g.micro"
  allocated_storage                   = 20
  username                            = "orders"
  manage_master_user_password         = true
  iam_database_authentication_enabled = var.iam_auth # unknown: aws-rds-iam-auth-disabled
}

# A replica takes its source's engine, which may not support IAM
# authentication.
resource "aws_db_instance" "replica" { # unknown: aws-rds-iam-auth-disabled "engine"
  identifier          = "orders-replica"
  replicate_source_db = "arn:aws:rds:eu-west-1:111122223333:db:orders"
  instance_class      = "db.t4g.micro"
}
