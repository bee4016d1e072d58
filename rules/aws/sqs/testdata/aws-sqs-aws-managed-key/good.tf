resource "aws_kms_key" "sqs" {
  description         = "queues"
  enable_key_rotation = true
}

resource "aws_sqs_queue" "jobs" {
  name              = "jobs"
  kms_master_key_id = aws_kms_key.sqs.id
}

# SSE-SQS, the default: keys owned by SQS, not the AWS managed KMS key.
resource "aws_sqs_queue" "events" {
  name = "events"
}
