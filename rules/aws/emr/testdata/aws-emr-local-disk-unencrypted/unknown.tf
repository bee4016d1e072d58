variable "at_rest_configuration" {
  type = any
}

resource "aws_emr_security_configuration" "local" {
  name = "local"
  configuration = jsonencode({
    EncryptionConfiguration = {
      EnableAtRestEncryption        = true
      EnableInTransitEncryption     = false
      AtRestEncryptionConfiguration = var.at_rest_configuration # unknown: aws-emr-local-disk-unencrypted
    }
  })
}
