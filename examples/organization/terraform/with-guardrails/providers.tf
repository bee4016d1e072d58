# Applied with credentials of the management account (111111111111).
provider "aws" {
  region              = "eu-west-1"
  allowed_account_ids = ["111111111111"]
}

provider "aws" {
  alias  = "security"
  region = "eu-west-1"
  assume_role {
    role_arn = "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole"
  }
}
