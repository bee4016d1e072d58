# SCP documents kept as JSON files next to the configuration.
resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

resource "aws_organizations_policy" "guardrails" {
  name    = "guardrails"
  content = file("${path.module}/policies/guardrails.json")
}

resource "aws_organizations_policy_attachment" "guardrails" {
  policy_id = aws_organizations_policy.guardrails.id
  target_id = aws_organizations_organization.this.roots[0].id
}
