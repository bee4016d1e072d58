# The management account's root module manages the organisation and calls
# the same service module twice: once with the member-account provider
# (fine), once without, so the module uses the default provider, which is
# the management account.
provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "prod"
  region = "eu-west-1"
  assume_role {
    role_arn = "arn:aws:iam::333333333333:role/OrganizationAccountAccessRole"
  }
}

resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

module "orders_prod" {
  source = "./modules/service"
  name   = "orders-prod"
  providers = {
    aws = aws.prod
  }
}

module "orders_test" {
  source = "./modules/service"
  name   = "orders-test"
}
