# Attached to the root, but the default is to opt in.
resource "aws_organizations_organization" "this" { # want: aws-org-ai-opt-out-missing
  feature_set          = "ALL"
  enabled_policy_types = ["AISERVICES_OPT_OUT_POLICY"]
}

resource "aws_organizations_policy" "ai" {
  name    = "ai-services"
  type    = "AISERVICES_OPT_OUT_POLICY"
  content = <<-EOT
    {
      "services": {
        "default": {"opt_out_policy": {"@@assign": "optIn"}},
        "rekognition": {"opt_out_policy": {"@@assign": "optOut"}}
      }
    }
  EOT
}

resource "aws_organizations_policy_attachment" "ai" {
  policy_id = aws_organizations_policy.ai.id
  target_id = aws_organizations_organization.this.roots[0].id
}
