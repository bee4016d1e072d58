# A module that has not been downloaded, but is given nothing of this
# bucket: it cannot configure it, so the finding stays definite.
resource "aws_s3_bucket" "data" { # want: aws-s3-versioning-disabled
  bucket = "acme-data"
}

module "label" {
  source    = "cloudposse/label/null"
  version   = "0.25.0"
  namespace = "acme"
}
