# The detector is given to a module that has not been downloaded: it may
# turn S3 protection on with a detector feature.
resource "aws_guardduty_detector" "main" {
  enable = true
  datasources {
    s3_logs {
      enable = false # unknown: aws-guardduty-s3-protection-disabled
    }
  }
}

module "features" {
  source      = "acme/guardduty-features/aws"
  detector_id = aws_guardduty_detector.main.id
}
