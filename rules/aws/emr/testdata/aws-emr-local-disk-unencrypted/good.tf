resource "aws_emr_security_configuration" "local" {
  name = "local"
  configuration = jsonencode({
    EncryptionConfiguration = {
      EnableAtRestEncryption    = true
      EnableInTransitEncryption = false
      AtRestEncryptionConfiguration = {
        LocalDiskEncryptionConfiguration = {
          EncryptionKeyProviderType = "AwsKms"
          AwsKmsKey                 = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
          EnableEbsEncryption       = true
        }
      }
    }
  })
}

# With encryption at rest off, aws-emr-at-rest-unencrypted reports the
# configuration; this rule does not.
resource "aws_emr_security_configuration" "off" {
  name = "off"
  configuration = jsonencode({
    EncryptionConfiguration = {
      EnableAtRestEncryption    = false
      EnableInTransitEncryption = false
    }
  })
}
