# A module that has not been downloaded, through the same provider, may
# create an account-level public access block for the bucket's account.
resource "aws_s3_bucket" "logs" { # unknown: aws-s3-public-access-not-blocked
  bucket = "acme-logs"
}

module "account_baseline" {
  source = "acme/account-baseline/aws"
}
