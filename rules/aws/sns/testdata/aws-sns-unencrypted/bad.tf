resource "aws_sns_topic" "alerts" { # want: aws-sns-unencrypted
  name = "alerts"
}
