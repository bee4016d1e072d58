variable "encrypt" {
  type = bool
}

resource "aws_db_instance" "this" {
  engine            = "mysql"
  instance_class    = "db.t4g.micro"
  allocated_storage = 20
  storage_encrypted = var.encrypt # unknown: aws-rds-unencrypted
}

resource "aws_db_instance" "replica" { # unknown: aws-rds-unencrypted
  replicate_source_db = "arn:aws:rds:eu-west-1:111122223333:db:source"
  instance_class      = "db.t4g.micro"
}
