resource "aws_securityhub_account" "this" {
  enable_default_standards = false # want: aws-securityhub-no-standards
}
