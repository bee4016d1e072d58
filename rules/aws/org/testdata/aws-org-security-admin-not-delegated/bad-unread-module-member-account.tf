# The module that has not been downloaded runs in the audit account, which
# cannot register delegated administrators: only the management account
# can.
provider "aws" {
  region              = "eu-west-1"
  allowed_account_ids = ["111111111111"]
}

provider "aws" {
  alias  = "audit"
  region = "eu-west-1"
  assume_role {
    role_arn = "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole"
  }
}

resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
  aws_service_access_principals = [
    "guardduty.amazonaws.com", # want: aws-org-security-admin-not-delegated
  ]
}

module "audit_guardduty" {
  source = "acme/guardduty-member/aws"
  providers = {
    aws = aws.audit
  }
}
