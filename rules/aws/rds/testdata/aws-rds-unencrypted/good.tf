resource "aws_db_instance" "this" {
  engine            = "postgres"
  instance_class    = "db.t4g.micro"
  allocated_storage = 20
  storage_encrypted = true
}

resource "aws_rds_cluster" "aurora" {
  engine            = "aurora-mysql"
  storage_encrypted = true
}
