resource "aws_guardduty_detector" "this" {
  enable = false # want: aws-guardduty-disabled
}
