# Keys named with parts that are not known before apply are keys all the
# same.
variable "key_alias" {
  type = string
}

data "aws_caller_identity" "current" {}

resource "aws_sns_topic" "alerts" {
  name              = "alerts"
  kms_master_key_id = "alias/${var.key_alias}"
}

resource "aws_sns_topic" "events" {
  name              = "events"
  kms_master_key_id = "arn:aws:kms:eu-west-1:${data.aws_caller_identity.current.account_id}:alias/aws/sns"
}
