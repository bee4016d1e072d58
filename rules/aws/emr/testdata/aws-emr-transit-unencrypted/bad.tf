resource "aws_emr_security_configuration" "at_rest_only" {
  name = "at-rest-only"
  configuration = jsonencode({ # want: aws-emr-transit-unencrypted "does not enable encryption in transit"
    EncryptionConfiguration = {
      EnableAtRestEncryption = true
      AtRestEncryptionConfiguration = {
        S3EncryptionConfiguration = {
          EncryptionMode = "SSE-S3"
        }
      }
    }
  })
}

resource "aws_emr_security_configuration" "off" {
  name = "off"
  configuration = jsonencode({
    EncryptionConfiguration = {
      EnableAtRestEncryption    = false
      EnableInTransitEncryption = false # want: aws-emr-transit-unencrypted
    }
  })
}
