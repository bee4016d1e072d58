# The same module given the roles it may pass.
variable "attach_ecs_policy" {
  type    = bool
  default = true
}

variable "ecs_pass_role_resources" {
  type    = list(string)
  default = ["arn:aws:iam::111122223333:role/ecs-task"]
}

data "aws_iam_policy_document" "ecs" {
  count = var.attach_ecs_policy ? 1 : 0

  statement {
    sid       = "PassRole"
    effect    = "Allow"
    actions   = ["iam:PassRole"]
    resources = coalescelist(var.ecs_pass_role_resources, ["*"])
  }
}

resource "aws_iam_policy" "ecs" {
  count  = var.attach_ecs_policy ? 1 : 0
  name   = "ecs"
  policy = data.aws_iam_policy_document.ecs[0].json
}
