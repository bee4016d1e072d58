# The service control policy attached to the root is an input with no
# value: whether any guardrail holds is not known before deployment.
resource "aws_organizations_organization" "this" { # unknown: aws-org-admin-roles-unprotected aws-org-leave-organization-allowed aws-org-region-unrestricted aws-org-root-user-unrestricted aws-org-security-services-unprotected # want: aws-org-ai-opt-out-missing aws-org-trail-not-organization-wide
  feature_set                   = "ALL"
  enabled_policy_types          = ["SERVICE_CONTROL_POLICY", "AISERVICES_OPT_OUT_POLICY"]
  aws_service_access_principals = ["cloudtrail.amazonaws.com", "guardduty.amazonaws.com", "securityhub.amazonaws.com"] # want: aws-org-security-admin-not-delegated "GuardDuty" aws-org-security-admin-not-delegated "Security Hub"
}

resource "aws_organizations_organizational_unit" "security" {
  name      = "security"
  parent_id = aws_organizations_organization.this.roots[0].id
}

resource "aws_organizations_organizational_unit" "workloads" {
  name      = "workloads"
  parent_id = aws_organizations_organization.this.roots[0].id
}

resource "aws_organizations_policy" "guardrails" {
  name    = "guardrails"
  content = var.guardrail_policy_json # unknown: aws-org-scp-invalid
}

resource "aws_organizations_policy_attachment" "guardrails" {
  policy_id = aws_organizations_policy.guardrails.id
  target_id = aws_organizations_organization.this.roots[0].id
}

variable "guardrail_policy_json" {
  type = string
}
