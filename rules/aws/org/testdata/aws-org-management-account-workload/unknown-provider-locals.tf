# args: --management-account-id 111111111111
# The provider's role is in the account a variable names, and the
# variable has no value: the account, and so whether it is the management
# account, is not known.
variable "account_id" {
  type = string
}

locals {
  role_arn = "arn:aws:iam::${var.account_id}:role/OrganizationAccountAccessRole"
}

provider "aws" {
  region = "us-east-1"
  assume_role {
    role_arn = local.role_arn
  }
}

resource "aws_db_instance" "orders" { # unknown: aws-org-management-account-workload
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}
