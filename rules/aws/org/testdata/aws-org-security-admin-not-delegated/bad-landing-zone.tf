resource "aws_organizations_organization" "this" {
  feature_set                   = "ALL"
  enabled_policy_types          = ["SERVICE_CONTROL_POLICY", "AISERVICES_OPT_OUT_POLICY"]
  aws_service_access_principals = ["cloudtrail.amazonaws.com", "guardduty.amazonaws.com", "config.amazonaws.com"] # want: aws-org-security-admin-not-delegated aws-org-security-admin-not-delegated
}

resource "aws_organizations_organizational_unit" "security" {
  name      = "security"
  parent_id = aws_organizations_organization.this.roots[0].id
}

resource "aws_organizations_organizational_unit" "workloads" {
  name      = "workloads"
  parent_id = aws_organizations_organization.this.roots[0].id
}
