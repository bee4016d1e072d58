package s3

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// MFADeleteDisabled flags versioned Terraform buckets without MFA delete.
var MFADeleteDisabled = &rules.Rule{
	ID:       "aws-s3-mfa-delete-disabled",
	Title:    "Versioned S3 bucket does not require MFA to delete versions",
	Severity: rules.Low,
	Description: "With MFA delete, permanently deleting an object version or changing the bucket's versioning state " +
		"needs, besides permission, a current code from the root user's MFA device: stolen credentials, or an " +
		"administrator's mistake, cannot destroy the versions that versioning keeps. Only the bucket owner's root " +
		"user with its MFA device can turn it on, through the API or the CLI (put-bucket-versioning with " +
		"MFADelete=Enabled and --mfa); the console cannot, and lifecycle rules that expire versions cannot be used with " +
		"it. MFA delete applies only to versioned buckets, so the rule judges buckets whose versioning is enabled " +
		"(aws-s3-versioning-disabled asks for versioning itself), and only in Terraform, which can express it: the " +
		"legacy versioning block's mfa_delete or mfa_delete of aws_s3_bucket_versioning, applied with the root " +
		"user's MFA code in its mfa argument. CloudFormation has no property for it, so CloudFormation buckets are " +
		"never reported: whether MFA delete was turned on after deployment cannot be read from a template. Off by " +
		"default. Low: it protects versions that already exist, and S3 Object Lock, replication to another account or " +
		"AWS Backup protect them without the root user.",
	Remediation: rules.Remediation{
		Text: "As the root user with its MFA device, enable MFA delete on the versioned bucket: in Terraform with " +
			"mfa_delete = \"Enabled\" and the device's serial number and a current code in mfa, or once with the CLI " +
			"(aws s3api put-bucket-versioning --versioning-configuration Status=Enabled,MFADelete=Enabled --mfa " +
			"\"SERIAL CODE\"). CloudFormation cannot set it: keep versioning enabled in the template and use the CLI.",
		Terraform: `resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id
  # The root user's MFA device and a current code, needed whenever this
  # resource changes.
  mfa = "arn:aws:iam::123456789012:mfa/root-account-mfa-device 123456"

  versioning_configuration {
    status     = "Enabled"
    mfa_delete = "Enabled"
  }
}`,
		CloudFormation: `# CloudFormation cannot enable MFA delete: keep versioning on, then, as
# the root user with its MFA device, run
#   aws s3api put-bucket-versioning --bucket BUCKET \
#     --versioning-configuration Status=Enabled,MFADelete=Enabled \
#     --mfa "arn:aws:iam::ACCOUNT:mfa/root-account-mfa-device CODE"
Bucket:
  Type: AWS::S3::Bucket
  Properties:
    VersioningConfiguration:
      Status: Enabled`,
	},
	References: []string{
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html",
		"https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketVersioning.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-20",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkCIS, ID: "2.1.2"},
		{Framework: rules.FrameworkSecurityHub, ID: "S3.20"},
		{Framework: rules.FrameworkConfig, ID: "s3-bucket-mfa-delete-enabled"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-11"},
		{Framework: rules.FrameworkISO, ID: "A.8.13"},
	},
	Tags:      []string{"s3", "data-protection", "mfa"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, b := range p.AWS.S3.Buckets {
			if b.Resource.Format == graph.CloudFormation {
				continue
			}
			p.ReportIf(b.VersioningEnabled().And(aws.IsTrue(b.MFADelete).Not()), b.MFADelete,
				"%s is versioned but does not require MFA to delete versions or suspend versioning", bucketLabel(b))
		}
	},
}
