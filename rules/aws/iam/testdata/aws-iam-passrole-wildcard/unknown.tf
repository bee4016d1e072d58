variable "passable_roles" {
  type = string
}

resource "aws_iam_policy" "deployer" {
  name = "deployer"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = var.passable_roles }] # unknown: aws-iam-passrole-wildcard
  })
}
