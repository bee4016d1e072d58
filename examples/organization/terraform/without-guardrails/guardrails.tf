# One guardrail, on the workloads OU only: the security accounts are not
# covered, and most of what the AWS guidance recommends is missing.
resource "aws_organizations_policy" "workload_guardrails" {
  name = "workload-guardrails"
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
        Sid      = "ProtectCloudTrail"
        Effect   = "Deny"
        Action   = ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail"]
        Resource = "*"
      },
    ]
  })
}

resource "aws_organizations_policy_attachment" "workload_guardrails" {
  policy_id = aws_organizations_policy.workload_guardrails.id
  target_id = aws_organizations_organizational_unit.workloads.id
}

# Drafted and never attached.
resource "aws_organizations_policy" "approved_regions" {
  name = "approved-regions"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      NotAction = ["iam:*", "organizations:*", "sts:*", "support:*", "cloudfront:*", "route53:*"]
      Resource  = "*"
      Condition = { StringNotEquals = { "aws:RequestedRegion" = ["eu-west-1", "eu-central-1"] } }
    }]
  })
}

# SCPs apply to every principal of an account: AWS rejects a Principal.
resource "aws_organizations_policy" "deny_root" {
  name = "deny-root-user"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = { AWS = "arn:aws:iam::*:root" }
      Action    = "*"
      Resource  = "*"
    }]
  })
}

resource "aws_organizations_policy_attachment" "deny_root" {
  policy_id = aws_organizations_policy.deny_root.id
  target_id = aws_organizations_organization.this.roots[0].id
}
