# args: --management-account-id 111111111111
provider "aws" {
  region              = "us-east-1"
  allowed_account_ids = ["111111111111"]
}

resource "aws_db_instance" "orders" { # want: aws-org-management-account-workload
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}
