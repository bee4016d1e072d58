# The baseline guardrails of the AWS guidance, in one SCP attached to the
# root.
data "aws_iam_policy_document" "baseline" {
  statement {
    sid       = "DenyLeaveOrganization"
    effect    = "Deny"
    actions   = ["organizations:LeaveOrganization"]
    resources = ["*"]
  }

  statement {
    sid    = "ProtectSecurityServices"
    effect = "Deny"
    actions = [
      "cloudtrail:StopLogging", "cloudtrail:DeleteTrail",
      "guardduty:DeleteDetector", "guardduty:UpdateDetector", "guardduty:Disassociate*",
      "config:StopConfigurationRecorder", "config:DeleteConfigurationRecorder", "config:DeleteDeliveryChannel",
      "securityhub:DisableSecurityHub", "securityhub:Disassociate*",
    ]
    resources = ["*"]
    condition {
      test     = "ArnNotLike"
      variable = "aws:PrincipalArn"
      values   = ["arn:aws:iam::*:role/org-admin/*"]
    }
  }

  statement {
    sid       = "DenyRootUser"
    effect    = "Deny"
    actions   = ["*"]
    resources = ["*"]
    condition {
      test     = "StringLike"
      variable = "aws:PrincipalArn"
      values   = ["arn:aws:iam::*:root"]
    }
  }

  statement {
    sid         = "DenyOutsideApprovedRegions"
    effect      = "Deny"
    not_actions = ["iam:*", "organizations:*", "sts:*", "support:*", "budgets:*", "cloudfront:*", "route53:*"]
    resources   = ["*"]
    condition {
      test     = "StringNotEquals"
      variable = "aws:RequestedRegion"
      values   = ["eu-west-1", "eu-central-1"]
    }
  }

  statement {
    sid    = "ProtectOrgAdminRoles"
    effect = "Deny"
    actions = [
      "iam:AttachRolePolicy", "iam:DeleteRole", "iam:DeleteRolePolicy", "iam:DetachRolePolicy",
      "iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:UpdateRole",
    ]
    resources = ["arn:aws:iam::*:role/org-admin/*"]
    condition {
      test     = "ArnNotLike"
      variable = "aws:PrincipalArn"
      values   = ["arn:aws:iam::*:role/org-admin/*"]
    }
  }
}

resource "aws_organizations_policy" "baseline" {
  name    = "baseline-guardrails"
  content = data.aws_iam_policy_document.baseline.json
}

resource "aws_organizations_policy_attachment" "baseline" {
  policy_id = aws_organizations_policy.baseline.id
  target_id = aws_organizations_organization.this.roots[0].id
}

resource "aws_organizations_policy" "ai_opt_out" {
  name = "ai-services-opt-out"
  type = "AISERVICES_OPT_OUT_POLICY"
  content = jsonencode({
    services = { default = { opt_out_policy = { "@@assign" = "optOut" } } }
  })
}

resource "aws_organizations_policy_attachment" "ai_opt_out" {
  policy_id = aws_organizations_policy.ai_opt_out.id
  target_id = aws_organizations_organization.this.roots[0].id
}
