provider "aws" {
  alias = "management"
}

# An organisation trail records every account of the organisation.
resource "aws_cloudtrail" "organization" {
  provider              = aws.management
  name                  = "organization"
  s3_bucket_name        = "example-trail-logs"
  is_organization_trail = true
  is_multi_region_trail = true

  event_selector {
    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3:::"]
    }
  }
}

resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}
