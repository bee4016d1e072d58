resource "aws_s3_bucket" "data" { # want: aws-s3-object-writes-not-logged "of S3 bucket aws_s3_bucket.data"
  bucket = "example-data"
}

resource "aws_s3_bucket" "logged" {
  bucket = "example-logged"
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "example-trail-logs"

  # The other kind of events of every bucket.
  event_selector {
    read_write_type = "ReadOnly"
    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }

  # Some objects of the bucket only, and Lambda functions.
  event_selector {
    data_resource {
      type   = "AWS::S3::Object"
      values = ["${aws_s3_bucket.data.arn}/uploads/", "arn:aws:s3:::example-data-archive/"]
    }
    data_resource {
      type   = "AWS::Lambda::Function"
      values = ["arn:aws:lambda"]
    }
  }

  event_selector {
    data_resource {
      type   = "AWS::S3::Object"
      values = ["${aws_s3_bucket.logged.arn}/"]
    }
  }
}

# A trail that is stopped logs nothing.
resource "aws_cloudtrail" "stopped" {
  name           = "stopped"
  s3_bucket_name = "example-trail-logs"
  enable_logging = false

  event_selector {
    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}
