resource "aws_athena_workgroup" "analytics" {
  name = "analytics"

  configuration {
    result_configuration { # want: aws-athena-results-unencrypted "workgroup aws_athena_workgroup.analytics"
      output_location = "s3://acme-athena-results/"
    }
  }
}

resource "aws_athena_workgroup" "adhoc" { # want: aws-athena-results-unencrypted
  name = "adhoc"
}

resource "aws_athena_database" "events" { # want: aws-athena-results-unencrypted "database"
  name   = "events"
  bucket = "acme-athena-results"
}
