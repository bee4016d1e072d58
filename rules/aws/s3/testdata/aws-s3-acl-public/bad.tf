resource "aws_s3_bucket" "inline" {
  bucket = "example-inline"
  acl    = "public-read" # want: aws-s3-acl-public "grants access to everyone"
}

resource "aws_s3_bucket" "split" {
  bucket = "example-split"
}

resource "aws_s3_bucket_acl" "split" {
  bucket = aws_s3_bucket.split.id
  acl    = "public-read-write" # want: aws-s3-acl-public
}

data "aws_canonical_user_id" "current" {}

resource "aws_s3_bucket" "grants" {
  bucket = "example-grants"
}

resource "aws_s3_bucket_acl" "grants" {
  bucket = aws_s3_bucket.grants.id
  access_control_policy {
    grant {
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers" # want: aws-s3-acl-public
      }
      permission = "READ"
    }
    owner {
      id = data.aws_canonical_user_id.current.id
    }
  }
}
