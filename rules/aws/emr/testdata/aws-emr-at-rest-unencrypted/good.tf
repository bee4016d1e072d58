resource "aws_emr_security_configuration" "heredoc" {
  name          = "encrypted"
  configuration = <<-JSON
    {
      "EncryptionConfiguration": {
        "EnableAtRestEncryption": true,
        "EnableInTransitEncryption": false,
        "AtRestEncryptionConfiguration": {
          "S3EncryptionConfiguration": {"EncryptionMode": "SSE-S3"},
          "LocalDiskEncryptionConfiguration": {
            "EncryptionKeyProviderType": "AwsKms",
            "AwsKmsKey": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
          }
        }
      }
    }
  JSON
}
