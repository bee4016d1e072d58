# The opt-out policy exists but is attached to one OU, not the root.
resource "aws_organizations_organization" "this" { # want: aws-org-ai-opt-out-missing
  feature_set          = "ALL"
  enabled_policy_types = ["SERVICE_CONTROL_POLICY", "AISERVICES_OPT_OUT_POLICY"]
}

resource "aws_organizations_organizational_unit" "workloads" {
  name      = "workloads"
  parent_id = aws_organizations_organization.this.roots[0].id
}

resource "aws_organizations_policy" "ai_opt_out" {
  name = "ai-opt-out"
  type = "AISERVICES_OPT_OUT_POLICY"
  content = jsonencode({
    services = { default = { opt_out_policy = { "@@assign" = "optOut" } } }
  })
}

resource "aws_organizations_policy_attachment" "ai_opt_out" {
  policy_id = aws_organizations_policy.ai_opt_out.id
  target_id = aws_organizations_organizational_unit.workloads.id
}
