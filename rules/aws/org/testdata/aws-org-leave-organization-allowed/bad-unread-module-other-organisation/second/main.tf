resource "aws_organizations_organization" "second" { # unknown: aws-org-leave-organization-allowed
  feature_set = "ALL"
}

module "service_control_policies" {
  source = "acme/service-control-policies/aws"
}
