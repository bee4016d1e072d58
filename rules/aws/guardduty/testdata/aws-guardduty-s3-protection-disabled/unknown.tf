variable "s3_protection" {
  type = bool
}

resource "aws_guardduty_detector" "this" {
  enable = true
  datasources {
    s3_logs {
      enable = var.s3_protection # unknown: aws-guardduty-s3-protection-disabled
    }
  }
}
