package ec2

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// EBSNoCustomerKey flags encrypted EBS volumes and block devices that use
// the AWS managed aws/ebs key.
var EBSNoCustomerKey = &rules.Rule{
	ID:       "aws-ec2-ebs-no-customer-key",
	Title:    "EBS volume is encrypted with the AWS managed key",
	Severity: rules.Low,
	Description: "An encrypted EBS volume that names no KMS key uses the account's default EBS key, which is the AWS " +
		"managed key aws/ebs unless the account sets another. Its key policy cannot be changed, so who may use the " +
		"key follows from who may use EC2, and a volume or snapshot encrypted with it cannot be shared with another " +
		"account. A customer managed key gives the account those controls and a separate audit trail. The rule " +
		"reports encrypted volumes and block devices (of instances, launch templates and launch configurations) " +
		"that name no key or alias/aws/ebs, unless the same code sets the account's default EBS key " +
		"(aws_ebs_default_kms_key). Unencrypted ones are aws-ec2-ebs-unencrypted's.",
	Remediation: rules.Remediation{
		Text: "Name a customer managed KMS key, on each volume or as the account's default EBS key.",
		Terraform: `resource "aws_kms_key" "ebs" {
  description         = "EBS volumes"
  enable_key_rotation = true
}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 100
  encrypted         = true
  kms_key_id        = aws_kms_key.ebs.arn
}`,
		CloudFormation: `Key:
  Type: AWS::KMS::Key
  Properties:
    EnableKeyRotation: true
Volume:
  Type: AWS::EC2::Volume
  Properties:
    AvailabilityZone: eu-west-1a
    Size: 100
    Encrypted: true
    KmsKeyId: !GetAtt Key.Arn`,
	},
	References: []string{
		"https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html#ebs-encryption-key",
		"https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-mgmt",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "PR.DS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"ec2", "ebs", "encryption"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, d := range p.AWS.Volumes.Disks {
			encrypted := aws.IsTrue(d.Encrypted)
			managed := aws.IsTrue(d.CustomerKey).Not()
			var subject rules.Subject = d.CustomerKey
			if encrypted == graph.Unknown && managed != graph.False {
				subject = rules.Because(d.CustomerKey, "whether "+d.Describe()+" is encrypted is not known: "+d.Encrypted.UnknownReason())
			}
			p.ReportIf(encrypted.And(managed), subject, "%s is encrypted with the AWS managed key", d.Describe())
		}
	},
}
