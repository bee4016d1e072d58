# default_tags apply to every resource of the provider.
provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = {
      owner = "team-platform"
    }
  }
}

resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}

resource "aws_kms_key" "payments" {
  tags = {
    owner = "team-payments"
  }
}
