resource "aws_iam_policy" "admin" {
  name = "break-glass"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "*" # want: aws-iam-policy-full-admin
      Resource = "*"
    }]
  })
}

resource "aws_iam_role" "deployer" {
  name = "deployer"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "codebuild.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })

  inline_policy {
    name = "everything"
    policy = trimspace( # want: aws-iam-policy-full-admin
      <<-POLICY
      {
        "Version": "2012-10-17",
        "Statement": [
          {"Effect": "Allow", "Action": ["*"], "Resource": ["*"],
           "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}
        ]
      }
    POLICY
    )
  }
}

resource "aws_iam_user" "ops" {
  name = "ops"
}

resource "aws_iam_user_policy" "ops" {
  name   = "ops"
  user   = aws_iam_user.ops.name
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] }) # want: aws-iam-policy-full-admin
}

resource "aws_iam_group" "admins" {
  name = "admins"
}

resource "aws_iam_group_policy" "admins" {
  name  = "admins"
  group = aws_iam_group.admins.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:GetObject"], Resource = ["arn:aws:s3:::acme/*"] },
      { Effect = "Allow", Action = ["*"], Resource = "*" }, # want: aws-iam-policy-full-admin
    ]
  })
}
