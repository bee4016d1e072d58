package workspaces

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// VolumeUnencrypted flags WorkSpaces whose root or user volume is not
// encrypted.
var VolumeUnencrypted = &rules.Rule{
	ID:       "aws-workspaces-volume-unencrypted",
	Title:    "WorkSpaces volume is not encrypted",
	Severity: rules.High,
	Description: "A WorkSpace has two volumes: the root volume (the operating system, applications and whatever " +
		"they cache) and the user volume (the user's profile and documents). Neither is encrypted unless asked " +
		"for, and encryption can only be chosen when the WorkSpace is created: turning it on later means " +
		"rebuilding the desktop. Each unencrypted volume is reported.",
	Remediation: rules.Remediation{
		Text: "Create the WorkSpace with both volumes encrypted, with a symmetric KMS key (alias/aws/workspaces or a " +
			"customer managed key).",
		Terraform: `resource "aws_workspaces_workspace" "analyst" {
  directory_id                   = aws_workspaces_directory.corp.id
  bundle_id                      = "wsb-gk1wpk43z"
  user_name                      = "analyst"
  root_volume_encryption_enabled = true
  user_volume_encryption_enabled = true
  volume_encryption_key          = aws_kms_key.workspaces.arn
}`,
		CloudFormation: `Analyst:
  Type: AWS::WorkSpaces::Workspace
  Properties:
    DirectoryId: !Ref Directory
    BundleId: wsb-gk1wpk43z
    UserName: analyst
    RootVolumeEncryptionEnabled: true
    UserVolumeEncryptionEnabled: true
    VolumeEncryptionKey: !GetAtt WorkSpacesKey.Arn`,
	},
	References: []string{
		"https://docs.aws.amazon.com/workspaces/latest/adminguide/encrypt-workspaces.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/workspaces-controls.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "WorkSpaces.1"},
		{Framework: rules.FrameworkSecurityHub, ID: "WorkSpaces.2"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"workspaces", "encryption"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, w := range p.AWS.WorkSpaces.Workspaces {
			p.ReportIf(aws.IsTrue(w.RootEncrypted).Not(), w.RootEncrypted,
				"the root volume of WorkSpace %s is not encrypted", w.Resource.Address)
			p.ReportIf(aws.IsTrue(w.UserEncrypted).Not(), w.UserEncrypted,
				"the user volume of WorkSpace %s is not encrypted", w.Resource.Address)
		}
	},
}
