resource "aws_iam_group" "plain" { # want: aws-iam-group-mfa-not-enforced "IAM group aws_iam_group.plain has no policy that denies requests made without MFA"
  name = "plain"
}

resource "aws_iam_group" "readers" { # want: aws-iam-group-mfa-not-enforced
  name = "readers"
}

resource "aws_iam_group_policy_attachment" "readers" {
  group      = aws_iam_group.readers.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_group_policy" "readers_tls" {
  name  = "tls-only"
  group = aws_iam_group.readers.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Action    = "*"
      Resource  = "*"
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

resource "aws_iam_group" "deleters" { # want: aws-iam-group-mfa-not-enforced
  name = "deleters"
}

resource "aws_iam_group_policy" "deleters" {
  name  = "mfa-to-delete"
  group = aws_iam_group.deleters.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Action    = ["s3:DeleteBucket"]
      Resource  = "*"
      Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" } }
    }]
  })
}
