provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "frankfurt"
  region = "eu-central-1"
}

resource "aws_s3_bucket" "us" { # want: acme-approved-regions
  bucket = "acme-us"
}

# The frankfurt provider is approved, but the resource's own region
# argument (AWS provider 6) overrides it.
resource "aws_s3_bucket" "moved" { # want: acme-approved-regions
  provider = aws.frankfurt
  bucket   = "acme-moved"
  region   = "ap-southeast-2"
}
