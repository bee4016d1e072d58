# The bucket's name is not known, but the versioning resource names it with
# the same expression, so it configures this bucket.
variable "name" {
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

# Each instance names its own bucket: the same expression with the same
# each.key.
variable "prefix" {
  type = string
}

resource "aws_s3_bucket" "per_team" {
  for_each = toset(["red", "blue"])
  bucket   = "${var.prefix}-${each.key}"
}

resource "aws_s3_bucket_versioning" "per_team" {
  for_each = toset(["red", "blue"])
  bucket   = "${var.prefix}-${each.key}"
  versioning_configuration {
    status = "Enabled"
  }
}
