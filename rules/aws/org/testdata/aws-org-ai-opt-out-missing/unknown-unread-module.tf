# A module that has not been downloaded may create the AI services opt-out
# policy.
resource "aws_organizations_organization" "this" { # unknown: aws-org-ai-opt-out-missing
  feature_set          = "ALL"
  enabled_policy_types = ["SERVICE_CONTROL_POLICY", "AISERVICES_OPT_OUT_POLICY"]
}

module "organization_policies" {
  source = "acme/organization-policies/aws"
  root   = aws_organizations_organization.this.roots[0].id
}
