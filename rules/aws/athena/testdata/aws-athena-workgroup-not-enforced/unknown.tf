variable "enforce" {
  type = bool
}

resource "aws_athena_workgroup" "analytics" {
  name = "analytics"

  configuration {
    enforce_workgroup_configuration = var.enforce # unknown: aws-athena-workgroup-not-enforced
  }
}
