variable "encryption_option" {
  type = string
}

resource "aws_athena_workgroup" "analytics" {
  name = "analytics"

  configuration {
    result_configuration {
      output_location = "s3://acme-athena-results/"

      encryption_configuration {
        encryption_option = var.encryption_option # unknown: aws-athena-results-unencrypted
      }
    }
  }
}
