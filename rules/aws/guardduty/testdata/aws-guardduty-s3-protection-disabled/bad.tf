resource "aws_guardduty_detector" "legacy" {
  enable = true
  datasources {
    s3_logs {
      enable = false # want: aws-guardduty-s3-protection-disabled
    }
  }
}

resource "aws_guardduty_detector" "features" {
  enable = true
}

resource "aws_guardduty_detector_feature" "s3" {
  detector_id = aws_guardduty_detector.features.id
  name        = "S3_DATA_EVENTS"
  status      = "DISABLED" # want: aws-guardduty-s3-protection-disabled
}
