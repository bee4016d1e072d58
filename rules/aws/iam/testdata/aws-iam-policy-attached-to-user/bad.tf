resource "aws_iam_user" "alice" {
  name = "alice"
}

resource "aws_iam_policy" "reports" {
  name = "reports"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::acme-reports/*" }]
  })
}

resource "aws_iam_user_policy" "alice" { # want: aws-iam-policy-attached-to-user
  name = "alice-inline"
  user = aws_iam_user.alice.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:ListBucket", Resource = "arn:aws:s3:::acme-reports" }]
  })
}

resource "aws_iam_user_policy_attachment" "alice" { # want: aws-iam-policy-attached-to-user
  user       = aws_iam_user.alice.name
  policy_arn = aws_iam_policy.reports.arn
}

resource "aws_iam_policy_attachment" "reports" {
  name       = "reports"
  users      = [aws_iam_user.alice.name] # want: aws-iam-policy-attached-to-user
  roles      = ["reporting"]
  policy_arn = aws_iam_policy.reports.arn
}
