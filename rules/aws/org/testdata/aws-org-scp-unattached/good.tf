resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

resource "aws_organizations_organizational_unit" "sandbox" {
  name      = "sandbox"
  parent_id = aws_organizations_organization.this.roots[0].id
}

resource "aws_organizations_policy" "sandbox" {
  name = "sandbox-limits"
  content = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Action = ["ec2:PurchaseReservedInstancesOffering", "savingsplans:*"], Resource = "*" }]
  })
}

resource "aws_organizations_policy_attachment" "sandbox" {
  policy_id = aws_organizations_policy.sandbox.id
  target_id = aws_organizations_organizational_unit.sandbox.id
}

# Not an SCP: a tag policy waiting for its attachment is another matter.
resource "aws_organizations_policy" "tags" {
  name    = "tags"
  type    = "TAG_POLICY"
  content = jsonencode({ tags = { team = { tag_key = { "@@assign" = "Team" } } } })
}
