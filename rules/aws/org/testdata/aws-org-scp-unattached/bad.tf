resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

resource "aws_organizations_policy" "deny_leave" {
  name = "deny-leave"
  content = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Action = "organizations:LeaveOrganization", Resource = "*" }]
  })
}

resource "aws_organizations_policy_attachment" "deny_leave" {
  policy_id = aws_organizations_policy.deny_leave.id
  target_id = aws_organizations_organization.this.roots[0].id
}

# Written, reviewed, never attached.
resource "aws_organizations_policy" "deny_regions" { # want: aws-org-scp-unattached
  name = "deny-regions"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      NotAction = ["iam:*", "organizations:*", "sts:*"]
      Resource  = "*"
      Condition = { StringNotEquals = { "aws:RequestedRegion" = ["eu-west-1"] } }
    }]
  })
}
