resource "aws_sns_topic" "alerts" {
  name              = "alerts"
  kms_master_key_id = "alias/aws/sns" # want: aws-sns-aws-managed-key "alias/aws/sns"
}

resource "aws_sns_topic" "orders" {
  name              = "orders"
  kms_master_key_id = "arn:aws:kms:eu-west-1:111122223333:alias/aws/sns" # want: aws-sns-aws-managed-key
}
