resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_iam_policy" "app" {
  name = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      # Every action, but on one bucket only.
      { Effect = "Allow", Action = "s3:*", Resource = ["arn:aws:s3:::acme-data", "arn:aws:s3:::acme-data/*"] },
      # A deny of everything is not a grant.
      { Effect = "Deny", Action = "*", Resource = "*", Condition = { Bool = { "aws:SecureTransport" = "false" } } },
    ]
  })
}

# Power user: everything except IAM is broad but not full administrator.
resource "aws_iam_policy" "power_user" {
  name = "power-user"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", NotAction = ["iam:*", "organizations:*"], Resource = "*" }]
  })
}
