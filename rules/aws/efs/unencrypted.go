package efs

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// Unencrypted flags EFS file systems whose data is not encrypted at rest.
var Unencrypted = &rules.Rule{
	ID:       "aws-efs-unencrypted",
	Title:    "EFS file system is not encrypted at rest",
	Severity: rules.High,
	Description: "An EFS file system encrypts its data and metadata at rest only when it is created with encryption " +
		"on; it cannot be turned on afterwards, so the data has to be copied to a new file system. The console " +
		"enables encryption by default, but the API, CloudFormation (Encrypted) and Terraform (encrypted) leave it " +
		"off unless it is set, which is the default the rule assumes. Encryption of data in transit is chosen by " +
		"the clients when they mount the file system and is not part of this rule.",
	Remediation: rules.Remediation{
		Text: "Create the file system with encryption at rest on, with a customer managed KMS key if access to the key should be controlled.",
		Terraform: `resource "aws_efs_file_system" "this" {
  creation_token = "shared"
  encrypted      = true
  kms_key_id     = aws_kms_key.efs.arn
}`,
		CloudFormation: `FileSystem:
  Type: AWS::EFS::FileSystem
  Properties:
    Encrypted: true
    KmsKeyId: !GetAtt EfsKey.Arn`,
	},
	References: []string{
		"https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/efs-controls.html#efs-1",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkCIS, ID: "2.4.1"},
		{Framework: rules.FrameworkSecurityHub, ID: "EFS.1"},
		{Framework: rules.FrameworkSecurityHub, ID: "EFS.8"},
		{Framework: rules.FrameworkConfig, ID: "efs-encrypted-check"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"efs", "encryption"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, fs := range p.AWS.EFS.FileSystems {
			if f := p.ReportIf(aws.IsTrue(fs.Encrypted).Not(), fs.Encrypted, "EFS file system %s is not encrypted at rest", fs.Resource.Address); f != nil {
				rules.FixLiteral(f, fs.Encrypted.At, fs.Encrypted.Set, "Encrypt the file system", "true")
			}
		}
	},
}
