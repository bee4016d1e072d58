# A policy document with count, as modules write them, is evaluated for
# its instance: with no approved roles given, PassRole falls back to "*".
variable "attach_ecs_policy" {
  type    = bool
  default = true
}

variable "ecs_pass_role_resources" {
  type    = list(string)
  default = []
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
  policy = data.aws_iam_policy_document.ecs[0].json # want: aws-iam-passrole-wildcard
}
