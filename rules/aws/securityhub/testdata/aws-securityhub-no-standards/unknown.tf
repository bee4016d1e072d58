variable "default_standards" {
  type = bool
}

resource "aws_securityhub_account" "this" {
  enable_default_standards = var.default_standards # unknown: aws-securityhub-no-standards
}
