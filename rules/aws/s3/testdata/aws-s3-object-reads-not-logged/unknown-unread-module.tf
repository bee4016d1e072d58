# The module is not downloaded: it may create a trail logging S3 data
# events in this account.
module "audit" {
  source  = "example-org/audit-trail/aws"
  version = "1.0.0"
}

resource "aws_s3_bucket" "data" { # unknown: aws-s3-object-reads-not-logged "audit-trail"
  bucket = "example-data"
}
