variable "queue_key" {
  type = string
}

resource "aws_sqs_queue" "jobs" {
  name              = "jobs"
  kms_master_key_id = var.queue_key # unknown: aws-sqs-aws-managed-key
}
