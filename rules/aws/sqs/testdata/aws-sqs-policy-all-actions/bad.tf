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
      Action    = "sqs:*" # want: aws-sqs-policy-all-actions `sqs:\*`
      Resource  = aws_sqs_queue.jobs.arn
    }]
  })
}

resource "aws_sqs_queue" "events" {
  name = "events"
  policy = trimspace( # want: aws-sqs-policy-all-actions
    <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Principal": {"AWS": "arn:aws:iam::111122223333:role/worker"},
          "Action": ["sqs:SendMessage", "*"],
          "Resource": "*"
        }
      ]
    }
  POLICY
  )
}
