# A region allow-list written as an Allow does not limit anything while
# FullAWSAccess stays attached.
resource "aws_organizations_organization" "this" { # want: aws-org-region-unrestricted
  feature_set = "ALL"
}

resource "aws_organizations_policy" "regions" {
  name = "regions"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "*"
      Resource  = "*"
      Condition = { StringEquals = { "aws:RequestedRegion" = ["eu-west-1"] } }
    }]
  })
}

resource "aws_organizations_policy_attachment" "regions" {
  policy_id = aws_organizations_policy.regions.id
  target_id = aws_organizations_organization.this.roots[0].id
}
