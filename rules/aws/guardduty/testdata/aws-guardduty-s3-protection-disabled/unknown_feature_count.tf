variable "disable_s3_protection" {
  type = bool
}

resource "aws_guardduty_detector" "this" {
  enable = true
}

resource "aws_guardduty_detector_feature" "s3" {
  count       = var.disable_s3_protection ? 1 : 0
  detector_id = aws_guardduty_detector.this.id
  name        = "S3_DATA_EVENTS"
  status      = "DISABLED" # unknown: aws-guardduty-s3-protection-disabled
}
