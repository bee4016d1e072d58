variable "create_region_guardrail" {
  type = bool
}

resource "aws_organizations_organization" "this" { # unknown: aws-org-region-unrestricted
  feature_set = "ALL"
}

resource "aws_organizations_policy" "regions" {
  count = var.create_region_guardrail ? 1 : 0
  name  = "approved-regions"
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

resource "aws_organizations_policy_attachment" "regions" {
  count     = var.create_region_guardrail ? 1 : 0
  policy_id = aws_organizations_policy.regions[0].id
  target_id = aws_organizations_organization.this.roots[0].id
}
