# The policy is attached to the root, but its type comes from a variable.
variable "policy_type" {
  type = string
}

resource "aws_organizations_organization" "this" { # unknown: aws-org-root-user-unrestricted
  feature_set = "ALL"
}

resource "aws_organizations_policy" "deny_root" {
  name = "deny-root-user"
  type = var.policy_type
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Action    = "*"
      Resource  = "*"
      Condition = { StringLike = { "aws:PrincipalArn" = ["arn:aws:iam::*:root"] } }
    }]
  })
}

resource "aws_organizations_policy_attachment" "root" {
  policy_id = aws_organizations_policy.deny_root.id
  target_id = aws_organizations_organization.this.roots[0].id
}
