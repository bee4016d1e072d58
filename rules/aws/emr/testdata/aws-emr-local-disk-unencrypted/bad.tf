resource "aws_emr_security_configuration" "s3_only" {
  name = "s3-only"
  configuration = jsonencode({
    EncryptionConfiguration = {
      EnableAtRestEncryption    = true
      EnableInTransitEncryption = false
      AtRestEncryptionConfiguration = { # want: aws-emr-local-disk-unencrypted "not the nodes' local disks"
        S3EncryptionConfiguration = {
          EncryptionMode = "SSE-S3"
        }
      }
    }
  })
}
