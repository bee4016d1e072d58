package redshift

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// Unencrypted flags Redshift clusters that are not encrypted at rest.
var Unencrypted = &rules.Rule{
	ID:       "aws-redshift-unencrypted",
	Title:    "Redshift cluster is not encrypted at rest",
	Severity: rules.High,
	Description: "Encryption at rest covers a Redshift cluster's data blocks, system metadata and snapshots. Since " +
		"January 2025 Redshift encrypts new clusters by default (with an AWS owned key) unless encryption is " +
		"turned off, which is what CloudFormation gets when Encrypted is left out. The AWS provider for Terraform " +
		"sent encrypted = false unless it was set, until version 6 followed the new default; an unset encrypted " +
		"in Terraform is therefore undetermined, and an explicit false is a finding in both formats. A cluster " +
		"restored from a snapshot takes the snapshot's encryption.",
	Remediation: rules.Remediation{
		Text:           "Keep encryption on (Encrypted / encrypted = true), preferably with a customer managed KMS key.",
		Terraform:      clusterTF,
		CloudFormation: clusterCFN,
	},
	References: []string{
		"https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/redshift-controls.html#redshift-10",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "Redshift.10"},
		{Framework: rules.FrameworkConfig, ID: "redshift-cluster-configuration-check"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"redshift", "encryption"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, c := range p.AWS.Redshift.Clusters {
			if f := p.ReportIf(aws.IsTrue(c.Encrypted).Not(), c.Encrypted, "Redshift cluster %s is not encrypted at rest", c.Resource.Address); f != nil {
				rules.FixLiteral(f, c.Encrypted.At, c.Encrypted.Set, "Encrypt the cluster", "true")
			}
		}
	},
}
