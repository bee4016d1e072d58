variable "enable_cis" {
  type = bool
}

resource "aws_securityhub_account" "this" {
  enable_default_standards = false # unknown: aws-securityhub-no-standards
}

resource "aws_securityhub_standards_subscription" "cis" {
  count         = var.enable_cis ? 1 : 0
  depends_on    = [aws_securityhub_account.this]
  standards_arn = "arn:aws:securityhub:eu-west-1::standards/cis-aws-foundations-benchmark/v/3.0.0"
}
