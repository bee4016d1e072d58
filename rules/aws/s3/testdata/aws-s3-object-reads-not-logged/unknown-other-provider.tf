provider "aws" {
  alias = "audit"
}

# The trail is deployed through another provider configuration, which may
# be another account.
resource "aws_cloudtrail" "audit" {
  provider       = aws.audit
  name           = "audit"
  s3_bucket_name = "example-trail-logs"

  event_selector {
    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}

resource "aws_s3_bucket" "data" { # unknown: aws-s3-object-reads-not-logged "different provider configurations"
  bucket = "example-data"
}
