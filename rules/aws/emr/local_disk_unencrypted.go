package emr

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// LocalDiskUnencrypted flags security configurations whose at-rest
// encryption leaves the nodes' local disks out.
var LocalDiskUnencrypted = &rules.Rule{
	ID:       "aws-emr-local-disk-unencrypted",
	Title:    "EMR security configuration does not encrypt local disks",
	Severity: rules.High,
	Description: "With at-rest encryption on, an EMR security configuration encrypts the nodes' local disks (HDFS " +
		"blocks, shuffle and spill files, EBS volumes when EnableEbsEncryption is set) only when it has a " +
		"LocalDiskEncryptionConfiguration; S3 encryption settings alone leave local data in clear. A configuration " +
		"with at-rest encryption off is reported by aws-emr-at-rest-unencrypted, not by this rule.",
	Remediation: rules.Remediation{
		Text:           "Add a LocalDiskEncryptionConfiguration (with EnableEbsEncryption) to the at-rest encryption settings.",
		Terraform:      securityConfigurationTF,
		CloudFormation: securityConfigurationCFN,
	},
	References: []string{
		"https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-data-encryption-options.html#emr-encryption-localdisk",
		"https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-create-security-configuration.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "EMR.3"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"emr", "encryption"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, c := range p.AWS.EMR.SecurityConfigurations {
			p.ReportIf(aws.IsTrue(c.AtRest).And(aws.IsTrue(c.LocalDisk).Not()), c.LocalDisk,
				"EMR security configuration %s encrypts data at rest but not the nodes' local disks", c.Resource.Address)
		}
	},
}
