# Narrower AWS managed policies, and a customer managed policy from this
# code (checked on its own document).
resource "aws_iam_role" "reader" {
  name                = "reader"
  assume_role_policy  = jsonencode({ Version = "2012-10-17", Statement = [] })
  managed_policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
}

resource "aws_iam_policy" "app" {
  name = "app"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::acme-data/*" }]
  })
}

resource "aws_iam_role_policy_attachment" "app" {
  role       = aws_iam_role.reader.name
  policy_arn = aws_iam_policy.app.arn
}

resource "aws_ssoadmin_managed_policy_attachment" "viewers" {
  instance_arn       = "arn:aws:sso:::instance/ssoins-1111111111111111"
  permission_set_arn = "arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-1111111111111111"
  managed_policy_arn = "arn:aws:iam::aws:policy/ViewOnlyAccess"
}

# An attachment to nobody attaches nothing.
resource "aws_iam_policy_attachment" "nobody" {
  name       = "nobody"
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

# Whatever the partition, these are not AdministratorAccess.
data "aws_partition" "current" {}

resource "aws_iam_role_policy_attachment" "any_partition" {
  role       = aws_iam_role.reader.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/ReadOnlyAccess"
}

data "aws_caller_identity" "current" {}

resource "aws_iam_role_policy_attachment" "own_account" {
  role       = aws_iam_role.reader.name
  policy_arn = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:policy/app"
}

locals {
  managed = {
    reader = "arn:${data.aws_partition.current.partition}:iam::aws:policy/ReadOnlyAccess"
    app    = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:policy/app"
  }
}

resource "aws_iam_role_policy_attachment" "each_partition" {
  for_each   = local.managed
  role       = aws_iam_role.reader.name
  policy_arn = each.value
}

# A policy looked up by name: its ARN is read when Terraform plans, but it
# ends with that name.
data "aws_iam_policy" "lambda_basic" {
  name = "AWSLambdaBasicExecutionRole"
}

resource "aws_iam_role_policy_attachment" "lookup" {
  role       = aws_iam_role.reader.name
  policy_arn = data.aws_iam_policy.lambda_basic.arn
}

locals {
  lambda_policies = [data.aws_iam_policy.lambda_basic.arn]
}

resource "aws_iam_role_policy_attachment" "lookup_by_index" {
  count      = length(local.lambda_policies)
  role       = aws_iam_role.reader.name
  policy_arn = local.lambda_policies[count.index]
}
