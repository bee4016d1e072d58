variable "organization_trail" {
  type = bool
}

resource "aws_organizations_organization" "this" { # unknown: aws-org-trail-not-organization-wide
  feature_set = "ALL"
}

resource "aws_cloudtrail" "org" {
  name                  = "organization-trail"
  s3_bucket_name        = "example-org-trail-logs"
  is_organization_trail = var.organization_trail
  is_multi_region_trail = true
}
