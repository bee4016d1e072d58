// Package emr holds blindspot's rules for Amazon EMR.
package emr

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{AtRestUnencrypted, LocalDiskUnencrypted, TransitUnencrypted}
}

// securityConfigurationTF and securityConfigurationCFN are the
// security configuration every remediation shows.
const securityConfigurationTF = `resource "aws_emr_security_configuration" "this" {
  name = "encrypted"
  configuration = jsonencode({
    EncryptionConfiguration = {
      EnableAtRestEncryption    = true
      EnableInTransitEncryption = true
      AtRestEncryptionConfiguration = {
        S3EncryptionConfiguration = {
          EncryptionMode = "SSE-KMS"
          AwsKmsKey      = aws_kms_key.emr.arn
        }
        LocalDiskEncryptionConfiguration = {
          EncryptionKeyProviderType = "AwsKms"
          AwsKmsKey                 = aws_kms_key.emr.arn
          EnableEbsEncryption       = true
        }
      }
      InTransitEncryptionConfiguration = {
        TLSCertificateConfiguration = {
          CertificateProviderType = "PEM"
          S3Object                = "s3://emr-certificates/certs.zip"
        }
      }
    }
  })
}`

const securityConfigurationCFN = `SecurityConfiguration:
  Type: AWS::EMR::SecurityConfiguration
  Properties:
    SecurityConfiguration:
      EncryptionConfiguration:
        EnableAtRestEncryption: true
        EnableInTransitEncryption: true
        AtRestEncryptionConfiguration:
          S3EncryptionConfiguration:
            EncryptionMode: SSE-KMS
            AwsKmsKey: !GetAtt EmrKey.Arn
          LocalDiskEncryptionConfiguration:
            EncryptionKeyProviderType: AwsKms
            AwsKmsKey: !GetAtt EmrKey.Arn
            EnableEbsEncryption: true
        InTransitEncryptionConfiguration:
          TLSCertificateConfiguration:
            CertificateProviderType: PEM
            S3Object: s3://emr-certificates/certs.zip`
