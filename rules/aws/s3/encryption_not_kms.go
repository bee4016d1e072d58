package s3

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// EncryptionNotKMS flags buckets whose default encryption is not SSE-KMS.
var EncryptionNotKMS = &rules.Rule{
	ID:       "aws-s3-encryption-not-kms",
	Title:    "S3 bucket default encryption does not use AWS KMS",
	Severity: rules.Medium,
	Description: "Every S3 object is encrypted at rest, by default with S3-managed keys (SSE-S3, AES256). With " +
		"SSE-S3 anyone allowed to read an object gets it decrypted: there is no second permission to grant, no " +
		"key policy, and no CloudTrail record of each key use. SSE-KMS (aws:kms, or aws:kms:dsse for dual-layer " +
		"encryption) makes reading also require kms:Decrypt on the key, so access can be revoked or audited at " +
		"the key, and a bucket policy mistake alone does not expose the data.",
	Remediation: rules.Remediation{
		Text: "Set the bucket's default encryption to aws:kms with a customer-managed key, and enable S3 Bucket " +
			"Keys to keep KMS request costs down.",
		Terraform: `resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.data.arn
    }
    bucket_key_enabled = true
  }
}`,
		CloudFormation: `Bucket:
  Type: AWS::S3::Bucket
  Properties:
    BucketEncryption:
      ServerSideEncryptionConfiguration:
        - ServerSideEncryptionByDefault:
            SSEAlgorithm: aws:kms
            KMSMasterKeyID: !GetAtt DataKey.Arn
          BucketKeyEnabled: true`,
	},
	References: []string{
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html",
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-17",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "S3.17"},
		{Framework: rules.FrameworkConfig, ID: "s3-default-encryption-kms"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"s3", "encryption", "kms"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, b := range p.AWS.S3.Buckets {
			enc := b.Encryption
			msg := bucketLabel(b) + " has no default encryption configuration, so S3 encrypts with S3-managed keys (SSE-S3), not AWS KMS"
			if alg, ok := enc.Get(); ok && enc.Set {
				msg = "the default encryption of " + bucketLabel(b) + " is " + alg + ", not AWS KMS (aws:kms)"
			}
			f := p.ReportIf(aws.IsKMSAlgorithm(enc).Not(), enc, "%s", msg)
			if f != nil {
				f.Fix = literalFix("Use SSE-KMS", enc.At, enc.Set, enc.At.Resource.Format, "aws:kms", true)
			}
		}
	},
}
