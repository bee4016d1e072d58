# GuardDuty and Security Hub get trusted access and are run from the
# management account; nothing is delegated.
resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
  aws_service_access_principals = [
    "cloudtrail.amazonaws.com",
    "guardduty.amazonaws.com", # want: aws-org-security-admin-not-delegated
    "securityhub.amazonaws.com", # want: aws-org-security-admin-not-delegated
    "sso.amazonaws.com",
  ]
}

resource "aws_guardduty_detector" "this" {
  enable = true
}

resource "aws_guardduty_organization_configuration" "this" { # want: aws-org-security-admin-not-delegated
  auto_enable_organization_members = "ALL"
  detector_id                      = aws_guardduty_detector.this.id
}
