# AWS Config rules deployed organisation-wide from the management account.
resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
  aws_service_access_principals = [
    "config-multiaccountsetup.amazonaws.com", # want: aws-org-security-admin-not-delegated
  ]
}

resource "aws_config_organization_managed_rule" "s3_versioning" { # want: aws-org-security-admin-not-delegated
  name            = "s3-bucket-versioning-enabled"
  rule_identifier = "S3_BUCKET_VERSIONING_ENABLED"
  depends_on      = [aws_organizations_organization.this]
}
