# The management account has a trail of its own, which records only itself.
resource "aws_organizations_organization" "this" { # want: aws-org-trail-not-organization-wide
  feature_set                   = "ALL"
  aws_service_access_principals = ["cloudtrail.amazonaws.com"]
}

resource "aws_cloudtrail" "management" {
  name                       = "management"
  s3_bucket_name             = "example-management-trail"
  is_multi_region_trail      = true
  enable_log_file_validation = true
  is_organization_trail      = false
}
