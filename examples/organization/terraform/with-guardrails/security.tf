# An organisation trail into the log archive account's bucket, and the
# security tooling account as delegated administrator.
resource "aws_cloudtrail" "organization" {
  name                       = "organization"
  s3_bucket_name             = "example-org-cloudtrail-logs"
  is_organization_trail      = true
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = "arn:aws:kms:eu-west-1:333333333333:key/8f4e3c2a-1b2c-4d5e-8f90-123456789abc"
}

resource "aws_guardduty_organization_admin_account" "security" {
  admin_account_id = aws_organizations_account.security_tooling.id
}

resource "aws_securityhub_organization_admin_account" "security" {
  admin_account_id = aws_organizations_account.security_tooling.id
}

resource "aws_organizations_delegated_administrator" "config" {
  account_id        = aws_organizations_account.security_tooling.id
  service_principal = "config.amazonaws.com"
}

# Organisation-wide GuardDuty settings, applied from the security account.
resource "aws_guardduty_organization_configuration" "this" {
  provider                         = aws.security
  auto_enable_organization_members = "ALL"
  detector_id                      = "12abc34d567e8fa901bc2d34e56789f0"
}
