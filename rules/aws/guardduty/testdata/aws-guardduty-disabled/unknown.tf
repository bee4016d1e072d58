variable "guardduty_enabled" {
  type = bool
}

resource "aws_guardduty_detector" "this" {
  enable = var.guardduty_enabled # unknown: aws-guardduty-disabled
}
