resource "aws_iam_group" "analysts" {
  name = "analysts"
}

resource "aws_iam_policy" "reports" {
  name = "reports"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::acme-reports/*" }]
  })
}

resource "aws_iam_group_policy_attachment" "analysts" {
  group      = aws_iam_group.analysts.name
  policy_arn = aws_iam_policy.reports.arn
}

resource "aws_iam_policy_attachment" "reports" {
  name       = "reports"
  users      = []
  groups     = [aws_iam_group.analysts.name]
  policy_arn = aws_iam_policy.reports.arn
}
