variable "sse" {
  type = bool
}

resource "aws_sqs_queue" "jobs" {
  name                    = "jobs"
  sqs_managed_sse_enabled = var.sse # unknown: aws-sqs-unencrypted
}
