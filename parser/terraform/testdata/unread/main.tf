provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "member"
  region = "eu-west-1"
}

resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}

module "policy" {
  source  = "acme/bucket-policy/aws"
  version = "~> 1.2"
  bucket  = aws_s3_bucket.logs.id
  name    = "acme-logs"
  providers = {
    aws = aws.member
  }
}

module "per_env" {
  source   = "git::https://example.com/env.git?ref=v1"
  for_each = toset(["dev", "prod"])
  env      = each.key
  bad      = 1 + "x"
}

module "gone" {
  source = "./modules/gone"
  name   = "x"
}
