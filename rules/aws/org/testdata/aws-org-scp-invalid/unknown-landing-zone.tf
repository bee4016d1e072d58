resource "aws_organizations_organization" "this" {
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
