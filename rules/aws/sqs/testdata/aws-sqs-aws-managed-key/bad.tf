resource "aws_sqs_queue" "jobs" {
  name              = "jobs"
  kms_master_key_id = "alias/aws/sqs" # want: aws-sqs-aws-managed-key "alias/aws/sqs"
}
