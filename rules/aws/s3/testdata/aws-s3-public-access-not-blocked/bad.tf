resource "aws_s3_bucket" "no_block" { # want: aws-s3-public-access-not-blocked
  bucket = "acme-no-block"
}

# One bucket per environment, none with a block: one finding per instance.
resource "aws_s3_bucket" "per_env" { # want: aws-s3-public-access-not-blocked aws-s3-public-access-not-blocked
  for_each = toset(["dev", "prod"])
  bucket   = "acme-assets-${each.key}"
}

# A split block joined by reference, with one setting off and one left out.
resource "aws_s3_bucket" "partial" {
  bucket = "acme-partial"
}

resource "aws_s3_bucket_public_access_block" "partial" { # want: aws-s3-public-access-not-blocked
  bucket              = aws_s3_bucket.partial.id
  block_public_acls   = true
  ignore_public_acls  = true
  block_public_policy = false # want: aws-s3-public-access-not-blocked
}

# Joined by literal name; the setting comes from a variable default.
variable "allow_public_policy" {
  type    = bool
  default = true
}

resource "aws_s3_bucket" "site" {
  bucket = "acme-site"
}

resource "aws_s3_bucket_public_access_block" "site" {
  bucket                  = "acme-site"
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = !var.allow_public_policy # want: aws-s3-public-access-not-blocked
  restrict_public_buckets = true
}
