# The management account: it owns the organisation and nothing else.
provider "aws" {
  region              = "eu-west-1"
  allowed_account_ids = ["111111111111"]
}

# The security tooling account, reached by assuming a role.
provider "aws" {
  alias  = "security"
  region = "eu-west-1"
  assume_role {
    role_arn = "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole"
  }
}

# A workload account.
provider "aws" {
  alias  = "workload"
  region = "eu-west-1"
  assume_role {
    role_arn = "arn:aws:iam::333333333333:role/OrganizationAccountAccessRole"
  }
}

resource "aws_organizations_account" "security" {
  name      = "security"
  email     = "aws-security@example.com"
  parent_id = aws_organizations_organizational_unit.security.id
}

resource "aws_organizations_account" "workload" {
  name      = "shop-prod"
  email     = "aws-shop-prod@example.com"
  parent_id = aws_organizations_organizational_unit.workloads.id
}

# Workloads live in the workload account, not in the management account.
resource "aws_s3_bucket" "shop_assets" {
  provider = aws.workload
  bucket   = "acme-shop-assets"
}

resource "aws_guardduty_detector" "security" {
  provider = aws.security
  enable   = true
}

resource "aws_organizations_organization" "this" {
  feature_set                   = "ALL"
  enabled_policy_types          = ["SERVICE_CONTROL_POLICY", "AISERVICES_OPT_OUT_POLICY"]
  aws_service_access_principals = ["cloudtrail.amazonaws.com", "guardduty.amazonaws.com", "securityhub.amazonaws.com"]
}

resource "aws_organizations_organizational_unit" "security" {
  name      = "security"
  parent_id = aws_organizations_organization.this.roots[0].id
}

resource "aws_organizations_organizational_unit" "workloads" {
  name      = "workloads"
  parent_id = aws_organizations_organization.this.roots[0].id
}

resource "aws_organizations_policy" "guardrails" {
  name    = "guardrails"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "DenyBilling"
        Effect   = "Deny"
        Action   = "aws-portal:ModifyBilling"
        Resource = "*"
      },
    ]
  })
}

resource "aws_organizations_policy_attachment" "guardrails" {
  policy_id = aws_organizations_policy.guardrails.id
  target_id = aws_organizations_organization.this.roots[0].id
}

resource "aws_organizations_policy" "draft" {
  name = "draft-guardrails"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Deny"
        Principal = "*"
        Action    = "organizations:LeaveOrganization"
        Resource  = "*"
      },
    ]
  })
}

resource "aws_cloudtrail" "management_only" {
  name                  = "management"
  s3_bucket_name        = "acme-management-trail"
  is_multi_region_trail = true
}

# A reporting database in the management account: a workload where only
# governance belongs.
resource "aws_db_instance" "billing_reports" {
  engine            = "postgres"
  instance_class    = "db.t4g.micro"
  allocated_storage = 20
  storage_encrypted = true
}
