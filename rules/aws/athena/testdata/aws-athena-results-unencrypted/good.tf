resource "aws_athena_workgroup" "analytics" {
  name = "analytics"

  configuration {
    result_configuration {
      output_location = "s3://acme-athena-results/"

      encryption_configuration {
        encryption_option = "SSE_KMS"
        kms_key_arn       = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
      }
    }
  }
}

# Results kept in Athena's managed storage are always encrypted.
resource "aws_athena_workgroup" "managed" {
  name = "managed"

  configuration {
    managed_query_results_configuration {
      enabled = true
    }
  }
}

resource "aws_athena_database" "events" {
  name   = "events"
  bucket = "acme-athena-results"

  encryption_configuration {
    encryption_option = "SSE_S3"
  }
}
