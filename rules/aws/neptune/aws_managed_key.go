package neptune

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// AWSManagedKey flags encrypted Neptune clusters that use the AWS managed
// key rather than a customer managed one.
var AWSManagedKey = &rules.Rule{
	ID:       "aws-neptune-aws-managed-key",
	Title:    "Neptune cluster is encrypted with the AWS managed key",
	Severity: rules.Low,
	Description: "An encrypted Neptune cluster without a KMS key of its own uses the AWS managed key aws/rds. AWS " +
		"writes that key's policy and it cannot be changed: any principal of the account allowed to use the " +
		"database services can use it, its use cannot be limited to one cluster, and it cannot be shared with " +
		"another account, so neither can the cluster's snapshots. A customer managed key puts the key policy, its " +
		"audit and its revocation in your hands. The key is chosen when the cluster is created. Unencrypted " +
		"clusters are reported by aws-neptune-unencrypted, not by this rule.",
	Remediation: rules.Remediation{
		Text: "Create the cluster with a customer managed KMS key (KmsKeyId / kms_key_arn).",
		Terraform: `resource "aws_neptune_cluster" "this" {
  cluster_identifier = "graph"
  storage_encrypted  = true
  kms_key_arn        = aws_kms_key.neptune.arn
}`,
		CloudFormation: `Cluster:
  Type: AWS::Neptune::DBCluster
  Properties:
    StorageEncrypted: true
    KmsKeyId: !GetAtt NeptuneKey.Arn`,
	},
	References: []string{
		"https://docs.aws.amazon.com/neptune/latest/userguide/encrypt.html",
		"https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#aws-managed-cmk",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "PR.DS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"neptune", "encryption", "kms"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, c := range p.AWS.Neptune.Clusters {
			p.ReportIf(aws.IsTrue(c.Encrypted).And(aws.IsTrue(c.AWSManagedKey)), c.AWSManagedKey,
				"Neptune cluster %s is encrypted with the AWS managed key aws/rds, not a customer managed key", c.Resource.Address)
		}
	},
}
