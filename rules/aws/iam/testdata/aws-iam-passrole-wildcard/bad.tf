resource "aws_iam_policy" "deployer" {
  name = "deployer"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["lambda:CreateFunction", "iam:PassRole"], Resource = "*" }, # want: aws-iam-passrole-wildcard
    ]
  })
}

# iam:* covers iam:PassRole; a service condition does not narrow the roles.
resource "aws_iam_role_policy" "ci" {
  name = "ci"
  role = "ci"
  policy = trimspace( # want: aws-iam-passrole-wildcard
    <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "iam:*",
          "Resource": "*",
          "Condition": {"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}}
        }
      ]
    }
  POLICY
  )
}
