# Four SCPs on the workloads OU, a fifth that is created only when a
# variable says so, and FullAWSAccess, which AWS attaches itself to every
# new OU once service control policies are enabled: five or six.
locals {
  guardrails = {
    leave    = "organizations:LeaveOrganization"
    trail    = "cloudtrail:StopLogging"
    detector = "guardduty:DeleteDetector"
    recorder = "config:StopConfigurationRecorder"
    hub      = "securityhub:DisableSecurityHub"
  }
}

resource "aws_organizations_organization" "this" {
  feature_set          = "ALL"
  enabled_policy_types = ["SERVICE_CONTROL_POLICY"]
}

resource "aws_organizations_organizational_unit" "workloads" {
  name      = "workloads"
  parent_id = aws_organizations_organization.this.roots[0].id
}

resource "aws_organizations_policy" "guardrail" {
  for_each = local.guardrails
  name     = "deny-${each.key}"
  content = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Action = each.value, Resource = "*" }]
  })
}

resource "aws_organizations_policy_attachment" "leave" {
  policy_id = aws_organizations_policy.guardrail["leave"].id
  target_id = aws_organizations_organizational_unit.workloads.id
}

resource "aws_organizations_policy_attachment" "trail" {
  policy_id = aws_organizations_policy.guardrail["trail"].id
  target_id = aws_organizations_organizational_unit.workloads.id
}

resource "aws_organizations_policy_attachment" "detector" {
  policy_id = aws_organizations_policy.guardrail["detector"].id
  target_id = aws_organizations_organizational_unit.workloads.id
}

resource "aws_organizations_policy_attachment" "recorder" {
  policy_id = aws_organizations_policy.guardrail["recorder"].id
  target_id = aws_organizations_organizational_unit.workloads.id
}

resource "aws_organizations_policy_attachment" "hub" { # unknown: aws-org-scp-invalid
  count     = var.protect_security_hub ? 1 : 0
  policy_id = aws_organizations_policy.guardrail["hub"].id
  target_id = aws_organizations_organizational_unit.workloads.id
}

variable "protect_security_hub" {
  type = bool
}
