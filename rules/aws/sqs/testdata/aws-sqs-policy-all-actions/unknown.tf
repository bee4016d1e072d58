variable "actions" {
  type = list(string)
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

resource "aws_sqs_queue_policy" "jobs" {
  queue_url = aws_sqs_queue.jobs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = var.actions # unknown: aws-sqs-policy-all-actions
      Resource  = aws_sqs_queue.jobs.arn
    }]
  })
}
