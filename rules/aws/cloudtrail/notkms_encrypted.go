package cloudtrail

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// NotKMSEncrypted flags: cloudTrail logs are not encrypted with a KMS key.
var NotKMSEncrypted = &rules.Rule{
	ID:          "aws-cloudtrail-not-kms-encrypted",
	Title:       "CloudTrail logs are not encrypted with a KMS key",
	Severity:    rules.Medium,
	Description: "CloudTrail encrypts logs with S3-managed keys unless a KMS key is set. With SSE-KMS, reading the logs also needs kms:Decrypt on a key whose policy you control, which keeps them from anyone who can merely read the bucket.",
	Remediation: rules.Remediation{
		Text: "Set a customer-managed KMS key on the trail.",
		Terraform: `resource "aws_cloudtrail" "this" {
  name           = "org-trail"
  s3_bucket_name = aws_s3_bucket.trail.id
  kms_key_id     = aws_kms_key.trail.arn
}`,
		CloudFormation: `Trail:
  Type: AWS::CloudTrail::Trail
  Properties:
    IsLogging: true
    S3BucketName: !Ref TrailBucket
    KMSKeyId: !GetAtt TrailKey.Arn`,
	},
	References: []string{
		"https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-2",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkCIS, ID: "3.5"},
		{Framework: rules.FrameworkSecurityHub, ID: "CloudTrail.2"},
		{Framework: rules.FrameworkConfig, ID: "cloud-trail-encryption-enabled"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"cloudtrail", "encryption"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, t := range p.AWS.CloudTrail.Trails {
			p.ReportIf(aws.IsTrue(t.KMSEncrypted).Not(), t.KMSEncrypted, "CloudTrail trail %s has no KMS key, so its logs use S3-managed encryption", t.Resource.Address)
		}
	},
}
