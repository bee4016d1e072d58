# A module that has not been downloaded, through the same provider, may
# subscribe the account to standards.
resource "aws_securityhub_account" "this" {
  enable_default_standards = false # unknown: aws-securityhub-no-standards
}

module "standards" {
  source = "acme/securityhub-standards/aws"
}
