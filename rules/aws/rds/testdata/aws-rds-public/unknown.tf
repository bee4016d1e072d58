variable "public" {
  type = bool
}

resource "aws_db_instance" "this" {
  engine              = "postgres"
  instance_class      = "db.t4g.micro"
  allocated_storage   = 20
  publicly_accessible = var.public # unknown: aws-rds-public
}
