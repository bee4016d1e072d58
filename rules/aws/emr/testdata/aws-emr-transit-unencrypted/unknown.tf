variable "in_transit" {
  type = bool
}

resource "aws_emr_security_configuration" "flag" {
  name = "flag"
  configuration = jsonencode({
    EncryptionConfiguration = {
      EnableAtRestEncryption    = false
      EnableInTransitEncryption = var.in_transit # unknown: aws-emr-transit-unencrypted
    }
  })
}
