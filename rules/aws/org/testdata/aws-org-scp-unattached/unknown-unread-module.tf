# The policy is given to a module that has not been downloaded: it may
# attach it.
resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

resource "aws_organizations_policy" "deny_regions" { # unknown: aws-org-scp-unattached
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

module "attachments" {
  source     = "acme/policy-attachments/aws"
  policy_ids = [aws_organizations_policy.deny_regions.id]
}
