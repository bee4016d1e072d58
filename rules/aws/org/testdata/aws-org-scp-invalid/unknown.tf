variable "scp_file" {
  type = string
}

resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

resource "aws_organizations_policy" "guardrails" {
  name    = "guardrails"
  content = file(var.scp_file) # unknown: aws-org-scp-invalid
}
