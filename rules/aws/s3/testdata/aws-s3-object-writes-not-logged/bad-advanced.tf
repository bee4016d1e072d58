resource "aws_s3_bucket" "data" { # want: aws-s3-object-writes-not-logged "aws_s3_bucket.data, aws_s3_bucket.excluded"
  bucket = "example-data"
}

resource "aws_s3_bucket" "excluded" {
  bucket = "example-excluded"
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "example-trail-logs"

  advanced_event_selector {
    name = "S3 object events but the other kind"
    field_selector {
      field  = "eventCategory"
      equals = ["Data"]
    }
    field_selector {
      field  = "resources.type"
      equals = ["AWS::S3::Object"]
    }
    field_selector {
      field  = "readOnly"
      equals = ["true"]
    }
  }

  advanced_event_selector {
    name = "Every bucket but one"
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
      starts_with     = ["arn:aws:s3:::example-"]
      not_starts_with = ["arn:aws:s3:::example-data/", "${aws_s3_bucket.excluded.arn}/"]
    }
  }

  advanced_event_selector {
    name = "Management events"
    field_selector {
      field  = "eventCategory"
      equals = ["Management"]
    }
  }
}
