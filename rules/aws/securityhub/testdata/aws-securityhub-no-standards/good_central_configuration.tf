# Delegated administrator account: standards come from a central
# configuration policy, not from the hub's defaults.
resource "aws_securityhub_account" "this" {
  enable_default_standards = false
}

resource "aws_securityhub_organization_configuration" "this" {
  auto_enable           = false
  auto_enable_standards = "NONE"
  organization_configuration {
    configuration_type = "CENTRAL"
  }
  depends_on = [aws_securityhub_account.this]
}

resource "aws_securityhub_configuration_policy" "baseline" {
  name = "baseline"
  configuration_policy {
    service_enabled = true
    enabled_standard_arns = [
      "arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0",
      "arn:aws:securityhub:eu-west-1::standards/cis-aws-foundations-benchmark/v/3.0.0",
    ]
    security_controls_configuration {
      disabled_control_identifiers = []
    }
  }
  depends_on = [aws_securityhub_organization_configuration.this]
}

resource "aws_securityhub_configuration_policy_association" "root" {
  target_id = "r-abcd"
  policy_id = aws_securityhub_configuration_policy.baseline.id
}
