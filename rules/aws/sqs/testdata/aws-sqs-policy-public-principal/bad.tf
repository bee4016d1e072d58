resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

resource "aws_sqs_queue_policy" "jobs" {
  queue_url = aws_sqs_queue.jobs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*" # want: aws-sqs-policy-public-principal
      Action    = "sqs:SendMessage"
      Resource  = aws_sqs_queue.jobs.arn
    }]
  })
}

resource "aws_sqs_queue" "events" {
  name = "events"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" } # want: aws-sqs-policy-public-principal
      Action    = "sqs:ReceiveMessage"
      Resource  = "*"
      # Requiring TLS does not say who.
      Condition = { Bool = { "aws:SecureTransport" = "true" } }
    }]
  })
}
