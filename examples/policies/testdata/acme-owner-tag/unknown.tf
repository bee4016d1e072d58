variable "tags" {
  type = map(string)
}

variable "owner" {
  type = string
}

# Whether var.tags holds an owner is known only when it is given.
resource "aws_s3_bucket" "data" { # unknown: acme-owner-tag
  bucket = "acme-data"
  tags   = var.tags
}

# The owner tag is there, but whether it is empty is not known.
resource "aws_kms_key" "data" { # unknown: acme-owner-tag
  tags = {
    owner = var.owner
  }
}
