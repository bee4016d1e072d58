# The module that has not been downloaded deploys to another account than
# the bucket: its account-level settings cannot cover the bucket, which
# it is not given.
provider "aws" {
  region              = "eu-west-1"
  allowed_account_ids = ["111111111111"]
}

provider "aws" {
  alias               = "audit"
  region              = "eu-west-1"
  allowed_account_ids = ["222222222222"]
}

resource "aws_s3_bucket" "logs" { # want: aws-s3-public-access-not-blocked
  bucket = "acme-logs"
}

module "audit_baseline" {
  source = "acme/account-baseline/aws"
  providers = {
    aws = aws.audit
  }
}
