resource "aws_sqs_queue" "default" {
  name = "default-sse"
}

resource "aws_sqs_queue" "kms" {
  name                    = "kms"
  kms_master_key_id       = "alias/aws/sqs"
  sqs_managed_sse_enabled = false
}
