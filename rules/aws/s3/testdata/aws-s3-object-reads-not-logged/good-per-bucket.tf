resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket" "reports" {
  bucket = "example-reports"
}

resource "aws_s3_bucket" "named_later" {
  bucket = "example-named"
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "example-trail-logs"

  event_selector {
    read_write_type = "ReadOnly"
    data_resource {
      type = "AWS::S3::Object"
      values = [
        "${aws_s3_bucket.data.arn}/",
        "arn:aws:s3:::example-reports/",
        "arn:aws-us-gov:s3:::example-named",
      ]
    }
  }
}
