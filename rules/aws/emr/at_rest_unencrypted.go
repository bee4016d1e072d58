package emr

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// AtRestUnencrypted flags security configurations without encryption at
// rest.
var AtRestUnencrypted = &rules.Rule{
	ID:       "aws-emr-at-rest-unencrypted",
	Title:    "EMR security configuration does not encrypt data at rest",
	Severity: rules.High,
	Description: "An EMR security configuration decides, for every cluster that names it, whether data at rest is " +
		"encrypted: EMRFS data in S3 with keys the configuration names, and the nodes' local disks (HDFS, " +
		"spill and temporary files). EnableAtRestEncryption is off unless set. S3 encrypts new objects with " +
		"S3-managed keys by default since 2023, but local disks get nothing from that default, and nothing else " +
		"in the configuration applies without the flag. The rule judges security configurations, as Security Hub " +
		"does; a cluster that names none has no EMR encryption at all.",
	Remediation: rules.Remediation{
		Text:           "Set EnableAtRestEncryption with S3 and local disk encryption settings, and name the security configuration on the clusters.",
		Terraform:      securityConfigurationTF,
		CloudFormation: securityConfigurationCFN,
	},
	References: []string{
		"https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-data-encryption-options.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/emr-controls.html#emr-3",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "EMR.3"},
		{Framework: rules.FrameworkConfig, ID: "emr-security-configuration-encryption-rest"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"emr", "encryption"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, c := range p.AWS.EMR.SecurityConfigurations {
			p.ReportIf(aws.IsTrue(c.AtRest).Not(), c.AtRest, "EMR security configuration %s does not enable encryption at rest", c.Resource.Address)
		}
	},
}
