variable "kms_key" {
  type = string
}

resource "aws_sns_topic" "alerts" {
  name              = "alerts"
  kms_master_key_id = var.kms_key # unknown: aws-sns-aws-managed-key
}

data "aws_kms_alias" "sns" {
  name = "alias/aws/sns"
}

resource "aws_sns_topic" "orders" {
  name              = "orders"
  kms_master_key_id = data.aws_kms_alias.sns.target_key_arn # unknown: aws-sns-aws-managed-key
}
