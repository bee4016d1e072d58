# args: --management-account-id 111111111111
# The landing-zone pattern: the provider assumes a role in an account
# named by a local. Providers are evaluated with the module's locals.
locals {
  accounts = {
    management = "111111111111"
    workloads  = "222222222222"
  }
  account_id = local.accounts["management"]
}

provider "aws" {
  region = "us-east-1"
  assume_role {
    role_arn = "arn:aws:iam::${local.account_id}:role/OrganizationAccountAccessRole"
  }
}

resource "aws_db_instance" "orders" { # want: aws-org-management-account-workload
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}
