resource "aws_organizations_organization" "this" { # unknown: aws-org-trail-not-organization-wide
  feature_set                   = "ALL"
  enabled_policy_types          = ["SERVICE_CONTROL_POLICY", "AISERVICES_OPT_OUT_POLICY"]
  aws_service_access_principals = ["cloudtrail.amazonaws.com", "guardduty.amazonaws.com", "securityhub.amazonaws.com"]
}

resource "aws_organizations_organizational_unit" "security" {
  name      = "security"
  parent_id = aws_organizations_organization.this.roots[0].id
}

resource "aws_organizations_organizational_unit" "workloads" {
  name      = "workloads"
  parent_id = aws_organizations_organization.this.roots[0].id
}

variable "org_trail" {
  type = bool
}

resource "aws_cloudtrail" "org" {
  name                  = "organization"
  s3_bucket_name        = "acme-trail"
  is_multi_region_trail = true
  is_organization_trail = var.org_trail
}
