resource "aws_organizations_organization" "this" {
  feature_set          = "ALL"
  enabled_policy_types = ["SERVICE_CONTROL_POLICY", "AISERVICES_OPT_OUT_POLICY"]
  aws_service_access_principals = [
    "cloudtrail.amazonaws.com",
    "config.amazonaws.com",
    "guardduty.amazonaws.com",
    "securityhub.amazonaws.com",
    "sso.amazonaws.com",
  ]
}

resource "aws_organizations_organizational_unit" "security" {
  name      = "Security"
  parent_id = aws_organizations_organization.this.roots[0].id
}

resource "aws_organizations_organizational_unit" "workloads" {
  name      = "Workloads"
  parent_id = aws_organizations_organization.this.roots[0].id
}

resource "aws_organizations_account" "log_archive" {
  name      = "log-archive"
  email     = "aws+log-archive@example.com"
  parent_id = aws_organizations_organizational_unit.security.id
}

resource "aws_organizations_account" "security_tooling" {
  name      = "security-tooling"
  email     = "aws+security@example.com"
  parent_id = aws_organizations_organizational_unit.security.id
}

resource "aws_organizations_account" "app_prod" {
  name      = "app-prod"
  email     = "aws+app-prod@example.com"
  parent_id = aws_organizations_organizational_unit.workloads.id
}
