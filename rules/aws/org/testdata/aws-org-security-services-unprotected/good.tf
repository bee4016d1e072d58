resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

resource "aws_organizations_policy" "protect_security" {
  name = "protect-security-services"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid    = "ProtectSecurityServices"
      Effect = "Deny"
      Action = [
        "cloudtrail:StopLogging", "cloudtrail:DeleteTrail",
        "guardduty:DeleteDetector", "guardduty:UpdateDetector", "guardduty:DisassociateFromAdministratorAccount",
        "config:StopConfigurationRecorder", "config:DeleteConfigurationRecorder", "config:DeleteDeliveryChannel",
        "securityhub:DisableSecurityHub", "securityhub:DisassociateFromAdministratorAccount",
      ]
      Resource  = "*"
      Condition = { ArnNotLike = { "aws:PrincipalArn" = "arn:aws:iam::*:role/security-admin" } }
    }]
  })
}

resource "aws_organizations_policy_attachment" "root" {
  policy_id = aws_organizations_policy.protect_security.id
  target_id = aws_organizations_organization.this.roots[0].id
}
