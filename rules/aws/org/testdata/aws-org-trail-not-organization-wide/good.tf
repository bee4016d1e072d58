resource "aws_organizations_organization" "this" {
  feature_set                   = "ALL"
  aws_service_access_principals = ["cloudtrail.amazonaws.com"]
}

resource "aws_cloudtrail" "org" {
  name                       = "organization-trail"
  s3_bucket_name             = "example-org-trail-logs"
  is_organization_trail      = true
  is_multi_region_trail      = true
  enable_log_file_validation = true

  depends_on = [aws_organizations_organization.this]
}
