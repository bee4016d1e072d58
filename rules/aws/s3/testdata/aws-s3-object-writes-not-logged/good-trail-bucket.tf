resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

# The trail's own bucket is left out of its data events, as AWS suggests:
# not reported.
resource "aws_s3_bucket" "trail_logs" {
  bucket = "example-trail-logs"
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = aws_s3_bucket.trail_logs.id

  advanced_event_selector {
    name = "S3 objects but the trail's"
    field_selector {
      field  = "eventCategory"
      equals = ["Data"]
    }
    field_selector {
      field  = "resources.type"
      equals = ["AWS::S3::Object"]
    }
    field_selector {
      field           = "resources.ARN"
      not_starts_with = ["${aws_s3_bucket.trail_logs.arn}/"]
    }
  }
}
