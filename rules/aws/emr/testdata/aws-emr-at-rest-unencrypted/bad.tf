resource "aws_emr_security_configuration" "off" {
  name          = "transit-only"
  configuration = "{\"EncryptionConfiguration\": {\"EnableAtRestEncryption\": false, \"EnableInTransitEncryption\": true}}" # want: aws-emr-at-rest-unencrypted "does not enable encryption at rest"
}

resource "aws_emr_security_configuration" "flag_off" {
  name = "flag-off"
  configuration = jsonencode({
    EncryptionConfiguration = {
      EnableAtRestEncryption    = false # want: aws-emr-at-rest-unencrypted
      EnableInTransitEncryption = true
    }
  })
}

resource "aws_emr_security_configuration" "none" {
  name = "kerberos-only"
  configuration = jsonencode({ # want: aws-emr-at-rest-unencrypted
    AuthenticationConfiguration = {
      KerberosConfiguration = {
        Provider = "ClusterDedicatedKdc"
        ClusterDedicatedKdcConfiguration = {
          TicketLifetimeInHours = 24
        }
      }
    }
  })
}
