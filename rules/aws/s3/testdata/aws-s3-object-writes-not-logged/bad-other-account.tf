provider "aws" {
  allowed_account_ids = ["111111111111"]
}

provider "aws" {
  alias               = "workload"
  allowed_account_ids = ["222222222222"]
}

# The trail logs every bucket of account 111111111111 only.
resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "example-trail-logs"

  event_selector {
    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}

resource "aws_s3_bucket" "logged" {
  bucket = "example-logged"
}

resource "aws_s3_bucket" "workload" { # want: aws-s3-object-writes-not-logged "of S3 bucket aws_s3_bucket.workload"
  provider = aws.workload
  bucket   = "example-workload"
}
