# The AWS managed AdministratorAccess policy attached to roles, users and
# groups, and to an IAM Identity Center permission set.
resource "aws_iam_role" "ops" {
  name                = "ops"
  assume_role_policy  = jsonencode({ Version = "2012-10-17", Statement = [] })
  managed_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"] # want: aws-iam-policy-full-admin
}

resource "aws_iam_role_policy_attachment" "ops" {
  role       = aws_iam_role.ops.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess" # want: aws-iam-policy-full-admin
}

resource "aws_iam_user_policy_attachment" "alice" {
  user       = "alice"
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess" # want: aws-iam-policy-full-admin
}

resource "aws_iam_group_policy_attachment" "admins" {
  group      = "admins"
  policy_arn = "arn:aws-us-gov:iam::aws:policy/AdministratorAccess" # want: aws-iam-policy-full-admin
}

resource "aws_iam_policy_attachment" "shared" {
  name       = "shared"
  roles      = [aws_iam_role.ops.name]
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess" # want: aws-iam-policy-full-admin
}

resource "aws_ssoadmin_managed_policy_attachment" "admins" {
  instance_arn       = "arn:aws:sso:::instance/ssoins-1111111111111111"
  permission_set_arn = aws_ssoadmin_permission_set.admins.arn
  managed_policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess" # want: aws-iam-policy-full-admin
}

resource "aws_ssoadmin_permission_set" "admins" {
  name         = "admins"
  instance_arn = "arn:aws:sso:::instance/ssoins-1111111111111111"
}

# A permission set's inline policy granting everything.
resource "aws_ssoadmin_permission_set_inline_policy" "admins" {
  instance_arn       = "arn:aws:sso:::instance/ssoins-1111111111111111"
  permission_set_arn = aws_ssoadmin_permission_set.admins.arn
  inline_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "*" # want: aws-iam-policy-full-admin
      Resource = "*"
    }]
  })
}

# The partition is not known (no region), but only the partition is.
data "aws_partition" "current" {}

resource "aws_iam_role_policy_attachment" "any_partition" {
  role       = "ops"
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AdministratorAccess" # want: aws-iam-policy-full-admin
}

locals {
  managed = {
    admin = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AdministratorAccess"
  }
}

resource "aws_iam_role_policy_attachment" "each_partition" {
  for_each   = local.managed
  role       = "ops"
  policy_arn = each.value # want: aws-iam-policy-full-admin
}

locals {
  managed_list = ["arn:${data.aws_partition.current.partition}:iam::aws:policy/AdministratorAccess"]
}

resource "aws_iam_role_policy_attachment" "by_index" {
  count      = length(local.managed_list)
  role       = "ops"
  policy_arn = local.managed_list[count.index] # want: aws-iam-policy-full-admin
}
