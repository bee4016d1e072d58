# The organisation's management account: it should hold only governance.

provider "aws" {
  region = "us-east-1"
}

# Member accounts are reached through a role the organisation creates.
provider "aws" {
  alias  = "shared_services"
  region = "us-east-1"
  assume_role {
    role_arn = "arn:aws:iam::333333333333:role/OrganizationAccountAccessRole"
  }
}

resource "aws_organizations_organization" "this" {
  feature_set                   = "ALL"
  aws_service_access_principals = ["cloudtrail.amazonaws.com", "config.amazonaws.com"]
}

resource "aws_organizations_organizational_unit" "workloads" {
  name      = "Workloads"
  parent_id = aws_organizations_organization.this.roots[0].id
}

# A reporting database someone put next to the organisation.
resource "aws_db_instance" "billing_reports" {
  identifier                  = "billing-reports"
  engine                      = "postgres"
  instance_class              = "db.t3.micro"
  allocated_storage           = 20
  username                    = "reports"
  manage_master_user_password = true
  storage_encrypted           = true
}

# The same kind of workload, deployed where it belongs.
resource "aws_db_instance" "shared_catalog" {
  provider                    = aws.shared_services
  identifier                  = "shared-catalog"
  engine                      = "postgres"
  instance_class              = "db.t3.micro"
  allocated_storage           = 20
  username                    = "catalog"
  manage_master_user_password = true
  storage_encrypted           = true
}
