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

variable "policy_id" {
  type = string
}

resource "aws_organizations_policy" "maybe" { # unknown: aws-org-scp-unattached
  name = "maybe"
  content = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Action = "organizations:LeaveOrganization", Resource = "*" }]
  })
}

resource "aws_organizations_policy_attachment" "some" {
  policy_id = var.policy_id
  target_id = aws_organizations_organization.this.roots[0].id
}
