# args: --management-account-id 111111111111
# The provider's account comes from a local: a workload account.
locals {
  accounts = {
    management = "111111111111"
    workloads  = "222222222222"
  }
}

provider "aws" {
  region              = "us-east-1"
  allowed_account_ids = [local.accounts.workloads]
}

resource "aws_db_instance" "orders" {
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}
