# The account-level block is managed through another provider
# configuration, which may be another account.
provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "security"
  region = "us-east-1"
  assume_role {
    role_arn = var.security_role_arn
  }
}

variable "security_role_arn" {
  type = string
}

resource "aws_s3_account_public_access_block" "this" {
  provider                = aws.security
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "eu" { # unknown: aws-s3-public-access-not-blocked
  bucket = "acme-eu"
}
