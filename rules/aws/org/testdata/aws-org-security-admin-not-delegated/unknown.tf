variable "delegated_service" {
  type = string
}

resource "aws_organizations_organization" "this" {
  feature_set = "ALL"
  aws_service_access_principals = [
    "securityhub.amazonaws.com", # unknown: aws-org-security-admin-not-delegated
  ]
}

resource "aws_organizations_delegated_administrator" "security" {
  account_id        = "222222222222"
  service_principal = var.delegated_service
}
