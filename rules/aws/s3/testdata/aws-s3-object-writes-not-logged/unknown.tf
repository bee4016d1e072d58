variable "logged_buckets" {
  type = list(string)
}

resource "aws_s3_bucket" "data" { # unknown: aws-s3-object-writes-not-logged
  bucket = "example-data"
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "example-trail-logs"

  event_selector {
    read_write_type = "WriteOnly"
    data_resource {
      type   = "AWS::S3::Object"
      values = var.logged_buckets
    }
  }
}
