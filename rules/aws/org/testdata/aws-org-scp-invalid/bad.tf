resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

# SCPs apply to every principal of the account: they take no Principal.
resource "aws_organizations_policy" "deny_s3_public" {
  name = "deny-public-buckets"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*" # want: aws-org-scp-invalid
      Action    = "s3:PutBucketPublicAccessBlock"
      Resource  = "*"
    }]
  })
}

# Effect is case-sensitive and actions need their service prefix.
resource "aws_organizations_policy" "deny_leave" {
  name = "deny-leave"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "deny"                # want: aws-org-scp-invalid
      Action   = ["LeaveOrganization"] # want: aws-org-scp-invalid
      Resource = "*"
    }]
  })
}

# Not JSON at all: a trailing comma.
resource "aws_organizations_policy" "broken" {
  name    = "broken"
  content = "{\"Version\": \"2012-10-17\", \"Statement\": [],}" # want: aws-org-scp-invalid
}

resource "aws_organizations_policy_attachment" "deny_s3_public" {
  policy_id = aws_organizations_policy.deny_s3_public.id
  target_id = aws_organizations_organization.this.roots[0].id
}
