# The organisation trail comes from a module that has not been downloaded.
resource "aws_organizations_organization" "this" { # unknown: aws-org-trail-not-organization-wide
  feature_set                   = "ALL"
  aws_service_access_principals = ["cloudtrail.amazonaws.com"]
}

module "cloudtrail" {
  source                = "cloudposse/cloudtrail/aws"
  version               = "0.24.0"
  is_organization_trail = true
}
