resource "aws_db_instance" "reporting" {
  engine              = "postgres"
  instance_class      = "db.t4g.micro"
  allocated_storage   = 20
  storage_encrypted   = true
  publicly_accessible = true # want: aws-rds-public
}
