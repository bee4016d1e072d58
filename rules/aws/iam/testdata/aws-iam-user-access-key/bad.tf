resource "aws_iam_user" "ci" {
  name = "ci-deployer"
}

resource "aws_iam_access_key" "ci" { # want: aws-iam-user-access-key
  user    = aws_iam_user.ci.name
  pgp_key = "keybase:acme_ops"
}

resource "aws_iam_access_key" "legacy" { # want: aws-iam-user-access-key
  user   = "legacy-app"
  status = "Active"
}
