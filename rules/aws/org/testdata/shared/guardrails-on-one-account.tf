# Every guardrail is written, but the policy is attached to one account, not
# to the root: the rest of the organisation is unguarded.
resource "aws_organizations_organization" "this" { # want: aws-org-admin-roles-unprotected aws-org-leave-organization-allowed aws-org-region-unrestricted aws-org-root-user-unrestricted aws-org-security-services-unprotected
  feature_set                   = "ALL"
  enabled_policy_types          = ["SERVICE_CONTROL_POLICY", "AISERVICES_OPT_OUT_POLICY"]
  aws_service_access_principals = ["cloudtrail.amazonaws.com", "guardduty.amazonaws.com", "securityhub.amazonaws.com"]
}

resource "aws_organizations_organizational_unit" "security" {
  name      = "security"
  parent_id = aws_organizations_organization.this.roots[0].id
}

resource "aws_organizations_organizational_unit" "workloads" {
  name      = "workloads"
  parent_id = aws_organizations_organization.this.roots[0].id
}

resource "aws_organizations_policy" "guardrails" {
  name    = "guardrails"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "DenyLeaveOrganization"
        Effect   = "Deny"
        Action   = "organizations:LeaveOrganization"
        Resource = "*"
      },
      {
        Sid    = "ProtectSecurityServices"
        Effect = "Deny"
        Action = [
          "cloudtrail:StopLogging", "cloudtrail:DeleteTrail",
          "guardduty:DeleteDetector", "guardduty:DisassociateFromMasterAccount",
          "config:StopConfigurationRecorder", "config:DeleteConfigurationRecorder", "config:DeleteDeliveryChannel",
          "securityhub:DisableSecurityHub",
        ]
        Resource = "*"
      },
      {
        Sid       = "DenyRootUser"
        Effect    = "Deny"
        Action    = "*"
        Resource  = "*"
        Condition = { ArnLike = { "aws:PrincipalArn" = "arn:aws:iam::*:root" } }
      },
      {
        Sid       = "DenyOtherRegions"
        Effect    = "Deny"
        NotAction = ["iam:*", "organizations:*", "sts:*", "support:*", "cloudfront:*", "route53:*"]
        Resource  = "*"
        Condition = { StringNotEquals = { "aws:RequestedRegion" = ["eu-west-1", "eu-central-1"] } }
      },
      {
        Sid       = "ProtectAdminRoles"
        Effect    = "Deny"
        Action    = ["iam:AttachRolePolicy", "iam:DeleteRole", "iam:DeleteRolePolicy", "iam:DetachRolePolicy", "iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:UpdateRole"]
        Resource  = ["arn:aws:iam::*:role/org-admin/*"]
        Condition = { ArnNotLike = { "aws:PrincipalArn" = "arn:aws:iam::*:role/org-admin/*" } }
      },
    ]
  })
}

resource "aws_organizations_policy_attachment" "guardrails" {
  policy_id = aws_organizations_policy.guardrails.id
  target_id = "123456789012"
}

resource "aws_organizations_policy" "ai_opt_out" {
  name = "ai-opt-out"
  type = "AISERVICES_OPT_OUT_POLICY"
  content = jsonencode({
    services = { default = { opt_out_policy = { "@@assign" = "optOut" } } }
  })
}

resource "aws_organizations_policy_attachment" "ai_opt_out" {
  policy_id = aws_organizations_policy.ai_opt_out.id
  target_id = aws_organizations_organization.this.roots[0].id
}

resource "aws_cloudtrail" "org" {
  name                       = "organization"
  s3_bucket_name             = "acme-org-trail"
  is_multi_region_trail      = true
  is_organization_trail      = true
  enable_log_file_validation = true
}

resource "aws_guardduty_organization_admin_account" "security" {
  admin_account_id = "222222222222"
}

resource "aws_securityhub_organization_admin_account" "security" {
  admin_account_id = "222222222222"
}
