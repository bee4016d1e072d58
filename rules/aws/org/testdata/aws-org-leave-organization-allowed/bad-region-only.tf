# A region guardrail denies everything, but only outside the approved
# regions: leaving the organisation is still allowed from them.
resource "aws_organizations_organization" "this" { # want: aws-org-leave-organization-allowed
  feature_set = "ALL"
}

resource "aws_organizations_policy" "regions" {
  name = "approved-regions"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Action    = "*"
      Resource  = "*"
      Condition = { StringNotEquals = { "aws:RequestedRegion" = ["us-east-1", "eu-west-1"] } }
    }]
  })
}

resource "aws_organizations_policy_attachment" "regions" {
  policy_id = aws_organizations_policy.regions.id
  target_id = aws_organizations_organization.this.roots[0].id
}
