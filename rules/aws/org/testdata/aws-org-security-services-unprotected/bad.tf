# CloudTrail and GuardDuty are protected; AWS Config and Security Hub are not.
resource "aws_organizations_organization" "this" { # want: aws-org-security-services-unprotected
  feature_set = "ALL"
}

data "aws_iam_policy_document" "protect_security" {
  statement {
    sid    = "ProtectCloudTrail"
    effect = "Deny"
    actions = [
      "cloudtrail:StopLogging",
      "cloudtrail:DeleteTrail",
      "cloudtrail:UpdateTrail",
    ]
    resources = ["*"]
  }
  statement {
    sid       = "ProtectGuardDuty"
    effect    = "Deny"
    actions   = ["guardduty:DeleteDetector", "guardduty:UpdateDetector", "guardduty:Disassociate*"]
    resources = ["*"]
    condition {
      test     = "ArnNotLike"
      variable = "aws:PrincipalArn"
      values   = ["arn:aws:iam::*:role/security-admin"]
    }
  }
}

resource "aws_organizations_policy" "protect_security" {
  name    = "protect-security-services"
  content = data.aws_iam_policy_document.protect_security.json
}

resource "aws_organizations_policy_attachment" "root" {
  policy_id = aws_organizations_policy.protect_security.id
  target_id = aws_organizations_organization.this.roots[0].id
}
