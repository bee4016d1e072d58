# The organisation's service control policies come from a module that has
# not been downloaded: what they deny is not known, so neither is whether
# the guardrail holds.
resource "aws_organizations_organization" "this" { # unknown: aws-org-admin-roles-unprotected aws-org-leave-organization-allowed aws-org-region-unrestricted aws-org-root-user-unrestricted aws-org-security-services-unprotected aws-org-ai-opt-out-missing aws-org-trail-not-organization-wide
  feature_set          = "ALL"
  enabled_policy_types = ["SERVICE_CONTROL_POLICY"]
}

module "service_control_policies" {
  source    = "cloudposse/service-control-policies/aws"
  version   = "0.15.1"
  target_id = aws_organizations_organization.this.roots[0].id
}
