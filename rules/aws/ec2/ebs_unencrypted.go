package ec2

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// EBSUnencrypted flags: eBS volume is not encrypted.
var EBSUnencrypted = &rules.Rule{
	ID:          "aws-ec2-ebs-unencrypted",
	Title:       "EBS volume is not encrypted",
	Severity:    rules.High,
	Description: "An unencrypted EBS volume leaves its data, and every snapshot taken of it, readable to anyone who gets hold of the snapshot or the underlying storage. Encryption is set when a volume is created; turning on encryption by default in the account covers volumes nobody remembered to encrypt.",
	Remediation: rules.Remediation{
		Text: "Encrypt the volume (or turn on EBS encryption by default in the account).",
		Terraform: `resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 100
  encrypted         = true
}

resource "aws_ebs_encryption_by_default" "this" {
  enabled = true
}`,
		CloudFormation: `Volume:
  Type: AWS::EC2::Volume
  Properties:
    AvailabilityZone: eu-west-1a
    Size: 100
    Encrypted: true`,
	},
	References: []string{
		"https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-3",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkCIS, ID: "2.2.1"},
		{Framework: rules.FrameworkSecurityHub, ID: "EC2.3"},
		{Framework: rules.FrameworkConfig, ID: "encrypted-volumes"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"ec2", "ebs", "encryption"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, d := range p.AWS.Volumes.Disks {
			if f := p.ReportIf(aws.IsTrue(d.Encrypted).Not(), d.Encrypted, "%s is not encrypted", d.Describe()); f != nil {
				rules.FixLiteral(f, d.Encrypted.At, d.Encrypted.Set, "Encrypt the volume", "true")
			}
		}
		for _, d := range p.AWS.Volumes.AccountDefaults {
			p.ReportIf(aws.IsTrue(d.Enabled).Not(), d.Enabled, "%s turns EBS encryption by default off", d.Resource.Address)
		}
	},
}
