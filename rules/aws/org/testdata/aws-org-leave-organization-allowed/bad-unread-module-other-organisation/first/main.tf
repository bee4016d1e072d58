# This organisation's code is all here, and has no guardrail: the module
# that has not been downloaded belongs to another organisation's root.
resource "aws_organizations_organization" "first" { # want: aws-org-leave-organization-allowed
  feature_set = "ALL"
}
