resource "aws_athena_workgroup" "analytics" {
  name = "analytics"

  # enforce_workgroup_configuration defaults to true in the block.
  configuration {
    result_configuration {
      output_location = "s3://acme-athena-results/"
    }
  }
}
