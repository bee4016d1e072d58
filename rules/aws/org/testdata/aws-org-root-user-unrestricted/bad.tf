# The root-user statement matches one account only, and uses StringEquals,
# which does not expand wildcards.
resource "aws_organizations_organization" "this" { # want: aws-org-root-user-unrestricted
  feature_set = "ALL"
}

resource "aws_organizations_policy" "guardrails" {
  name = "guardrails"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "DenyLeave"
        Effect   = "Deny"
        Action   = "organizations:LeaveOrganization"
        Resource = "*"
      },
      {
        Sid       = "DenyRoot"
        Effect    = "Deny"
        Action    = "*"
        Resource  = "*"
        Condition = { StringEquals = { "aws:PrincipalArn" = "arn:aws:iam::*:root" } }
      },
    ]
  })
}

resource "aws_organizations_policy_attachment" "root" {
  policy_id = aws_organizations_policy.guardrails.id
  target_id = aws_organizations_organization.this.roots[0].id
}
