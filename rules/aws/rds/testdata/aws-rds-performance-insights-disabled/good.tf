resource "aws_db_instance" "this" {
  identifier                   = "orders"
  engine                       = "postgres"
  instance_class               = "db.r6g.large"
  allocated_storage            = 20
  username                     = "orders"
  manage_master_user_password  = true
  performance_insights_enabled = true
}

# Some engines have no Performance Insights on micro and small classes.
resource "aws_db_instance" "small" {
  identifier                  = "tiny"
  engine                      = "mysql"
  instance_class              = "db.t4g.micro"
  allocated_storage           = 20
  username                    = "tiny"
  manage_master_user_password = true
}
