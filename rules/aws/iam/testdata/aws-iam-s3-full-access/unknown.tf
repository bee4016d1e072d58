variable "actions" {
  type = list(string)
}

resource "aws_iam_policy" "app" {
  name = "app"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }] # unknown: aws-iam-s3-full-access
  })
}
