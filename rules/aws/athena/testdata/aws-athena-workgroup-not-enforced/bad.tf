resource "aws_athena_workgroup" "analytics" {
  name = "analytics"

  configuration {
    enforce_workgroup_configuration = false # want: aws-athena-workgroup-not-enforced
  }
}

# Without a configuration block Terraform sends none, and Athena does not
# enforce the workgroup's settings.
resource "aws_athena_workgroup" "adhoc" { # want: aws-athena-workgroup-not-enforced
  name = "adhoc"
}
