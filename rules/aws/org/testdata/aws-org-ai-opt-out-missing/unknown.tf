variable "ai_opt_out" {
  type        = string
  description = "optOut or optIn"
}

resource "aws_organizations_organization" "this" { # unknown: aws-org-ai-opt-out-missing
  feature_set = "ALL"
}

resource "aws_organizations_policy" "ai" {
  name = "ai-services"
  type = "AISERVICES_OPT_OUT_POLICY"
  content = jsonencode({
    services = { default = { opt_out_policy = { "@@assign" = var.ai_opt_out } } }
  })
}

resource "aws_organizations_policy_attachment" "ai" {
  policy_id = aws_organizations_policy.ai.id
  target_id = aws_organizations_organization.this.roots[0].id
}
