variable "region" {
  type = string
}

provider "aws" {
  region = var.region
}

resource "aws_s3_bucket" "data" { # unknown: acme-approved-regions
  bucket = "acme-data"
}
