package emr

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// TransitUnencrypted flags security configurations without in-transit
// encryption.
var TransitUnencrypted = &rules.Rule{
	ID:       "aws-emr-transit-unencrypted",
	Title:    "EMR security configuration does not encrypt data in transit",
	Severity: rules.High,
	Description: "Without in-transit encryption, the applications of an EMR cluster (Hadoop shuffle, Spark, Tez, " +
		"Presto and Trino, HBase) exchange data between nodes in clear text. A security configuration turns TLS " +
		"on for them with EnableInTransitEncryption and a certificate provider; it is off unless set. The rule " +
		"judges security configurations, as Security Hub does.",
	Remediation: rules.Remediation{
		Text:           "Set EnableInTransitEncryption with a TLS certificate configuration, and name the security configuration on the clusters.",
		Terraform:      securityConfigurationTF,
		CloudFormation: securityConfigurationCFN,
	},
	References: []string{
		"https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-data-encryption-options.html#emr-encryption-intransit",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/emr-controls.html#emr-4",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "EMR.4"},
		{Framework: rules.FrameworkConfig, ID: "emr-security-configuration-encryption-transit"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-02"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"emr", "encryption-in-transit", "tls"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, c := range p.AWS.EMR.SecurityConfigurations {
			p.ReportIf(aws.IsTrue(c.InTransit).Not(), c.InTransit, "EMR security configuration %s does not enable encryption in transit", c.Resource.Address)
		}
	},
}
