# The security tooling account administers GuardDuty, Security Hub and
# Config; the organisation configuration is applied from that account.
provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "security"
  region = "eu-west-1"
  assume_role {
    role_arn = "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole"
  }
}

resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
  aws_service_access_principals = [
    "guardduty.amazonaws.com",
    "securityhub.amazonaws.com",
    "config.amazonaws.com",
  ]
}

resource "aws_guardduty_organization_admin_account" "security" {
  admin_account_id = "222222222222"
  depends_on       = [aws_organizations_organization.this]
}

resource "aws_securityhub_organization_admin_account" "security" {
  admin_account_id = "222222222222"
  depends_on       = [aws_organizations_organization.this]
}

resource "aws_organizations_delegated_administrator" "config" {
  account_id        = "222222222222"
  service_principal = "config.amazonaws.com"
}

resource "aws_guardduty_detector" "security" {
  provider = aws.security
  enable   = true
}

resource "aws_guardduty_organization_configuration" "this" {
  provider                         = aws.security
  auto_enable_organization_members = "ALL"
  detector_id                      = aws_guardduty_detector.security.id
}
