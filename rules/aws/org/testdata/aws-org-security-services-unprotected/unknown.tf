# Everything is denied, but the attachment may go to any target.
variable "target_ou_id" {
  type = string
}

resource "aws_organizations_organization" "this" { # unknown: aws-org-security-services-unprotected
  feature_set = "ALL"
}

resource "aws_organizations_policy" "protect_security" {
  name = "protect-security-services"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Deny"
      Action   = ["cloudtrail:Delete*", "cloudtrail:StopLogging", "guardduty:*", "config:Delete*", "config:Stop*", "securityhub:*"]
      Resource = "*"
    }]
  })
}

resource "aws_organizations_policy_attachment" "protect_security" {
  policy_id = aws_organizations_policy.protect_security.id
  target_id = var.target_ou_id
}
