resource "aws_organizations_organization" "this" { # want: aws-org-trail-not-organization-wide
  feature_set = "ALL"
}

resource "aws_organizations_organizational_unit" "workloads" {
  name      = "workloads"
  parent_id = aws_organizations_organization.this.roots[0].id
}
