provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias = "workloads"
  assume_role {
    role_arn = "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole"
  }
}

resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
}

# Governance belongs in the management account.
resource "aws_cloudtrail" "org" {
  name                  = "organization"
  s3_bucket_name        = "acme-org-trail"
  is_organization_trail = true
}

resource "aws_sqs_queue" "orders" {
  provider = aws.workloads
  name     = "orders"
}
