# The trail of the root module logs the buckets its modules create.
module "data" {
  source = "./modules/bucket"
  name   = "example-data"
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "example-trail-logs"

  event_selector {
    data_resource {
      type   = "AWS::S3::Object"
      values = ["${module.data.arn}/"]
    }
  }
}
