# A module that has not been downloaded, run with the management account's
# provider, may register the delegated administrators.
resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
  aws_service_access_principals = [
    "guardduty.amazonaws.com", # unknown: aws-org-security-admin-not-delegated
  ]
}

module "delegated_admins" {
  source = "acme/delegated-admins/aws"
}
