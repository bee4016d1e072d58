variable "team" {
  type = string
}

resource "aws_kms_key" "team" {}

# The alias is built from a variable without a value.
resource "aws_kms_alias" "team" { # unknown: acme-kms-alias-naming
  name          = "alias/${var.team}"
  target_key_id = aws_kms_key.team.key_id
}
