# The versioning resource names aws_s3_bucket.this with the same expression,
# so it configures that bucket and cannot configure the other one: two
# buckets of one configuration cannot share a name.
variable "name" {
  type = string
}

variable "logs_name" {
  type = string
}

resource "aws_s3_bucket" "this" {
  bucket = var.name
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = var.name
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "logs" { # want: aws-s3-versioning-disabled
  bucket = var.logs_name
}

# Instances with different keys name different buckets.
resource "aws_s3_bucket" "per_team" { # want: aws-s3-versioning-disabled
  for_each = toset(["red", "blue"])
  bucket   = "team-${each.key}"
}

resource "aws_s3_bucket_versioning" "red_only" {
  bucket = "team-red"
  versioning_configuration {
    status = "Enabled"
  }
}
