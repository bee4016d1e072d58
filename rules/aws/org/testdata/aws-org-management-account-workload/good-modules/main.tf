# Every module call passes a member-account provider: nothing lands in the
# management account, whose provider manages the organisation.
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

provider "aws" {
  alias  = "test"
  region = "eu-west-1"
  assume_role {
    role_arn = "arn:aws:iam::444444444444:role/OrganizationAccountAccessRole"
  }
}

module "orders_test" {
  source = "./modules/service"
  name   = "orders-test"
  providers = {
    aws = aws.test
  }
}
