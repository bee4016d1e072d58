variable "at_rest" {
  type = bool
}

variable "configuration" {
  type = string
}

resource "aws_emr_security_configuration" "flag" {
  name = "flag"
  configuration = jsonencode({
    EncryptionConfiguration = {
      EnableAtRestEncryption    = var.at_rest # unknown: aws-emr-at-rest-unencrypted
      EnableInTransitEncryption = true
    }
  })
}

resource "aws_emr_security_configuration" "document" {
  name          = "document"
  configuration = var.configuration # unknown: aws-emr-at-rest-unencrypted
}

resource "aws_emr_security_configuration" "broken" {
  name          = "broken"
  configuration = "{not json" # unknown: aws-emr-at-rest-unencrypted "not valid JSON"
}
