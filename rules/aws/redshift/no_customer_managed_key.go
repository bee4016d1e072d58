package redshift

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// NoCustomerManagedKey flags encrypted Redshift clusters whose key is
// AWS's.
var NoCustomerManagedKey = &rules.Rule{
	ID:       "aws-redshift-no-customer-managed-key",
	Title:    "Redshift cluster is not encrypted with a customer managed key",
	Severity: rules.Low,
	Description: "An encrypted Redshift cluster that names no KMS key uses a key AWS owns or manages (aws/redshift). " +
		"Its policy is AWS's: access to the key cannot be narrowed to the cluster's users, audited per use or " +
		"revoked, and snapshots encrypted with it cannot be shared with or restored in another account. A " +
		"customer managed key (KmsKeyId / kms_key_id) keeps those decisions yours. Clusters that are not " +
		"encrypted at all are reported by aws-redshift-unencrypted, not by this rule.",
	Remediation: rules.Remediation{
		Text:           "Encrypt the cluster with a customer managed KMS key.",
		Terraform:      clusterTF,
		CloudFormation: clusterCFN,
	},
	References: []string{
		"https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html",
		"https://docs.aws.amazon.com/config/latest/developerguide/redshift-cluster-kms-enabled.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkConfig, ID: "redshift-cluster-kms-enabled"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"redshift", "encryption", "kms"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, c := range p.AWS.Redshift.Clusters {
			p.ReportIf(aws.IsTrue(c.Encrypted).And(aws.IsTrue(c.AWSKey)), c.AWSKey,
				"Redshift cluster %s is encrypted with a key AWS owns or manages, not a customer managed key", c.Resource.Address)
		}
	},
}
