package documentdb

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// AWSManagedKey flags encrypted DocumentDB clusters that use the AWS
// managed key rather than a customer managed one.
var AWSManagedKey = &rules.Rule{
	ID:       "aws-documentdb-aws-managed-key",
	Title:    "DocumentDB cluster is encrypted with the AWS managed key",
	Severity: rules.Low,
	Description: "An encrypted DocumentDB cluster without a KMS key of its own uses the AWS managed key aws/rds. Its " +
		"key policy is written by AWS and cannot be changed: any principal of the account allowed to use RDS or " +
		"DocumentDB can use it, its use cannot be narrowed to one cluster, and it cannot be shared, so snapshots " +
		"encrypted with it cannot be copied or restored in another account. A customer managed key lets you decide " +
		"who may use the data's key, audit and revoke that use, and share snapshots. The key is chosen when the " +
		"cluster is created. Unencrypted clusters are reported by aws-documentdb-unencrypted, not by this rule.",
	Remediation: rules.Remediation{
		Text: "Create the cluster with a customer managed KMS key (KmsKeyId / kms_key_id).",
		Terraform: `resource "aws_docdb_cluster" "this" {
  cluster_identifier          = "orders"
  master_username             = "docdbadmin"
  manage_master_user_password = true
  storage_encrypted           = true
  kms_key_id                  = aws_kms_key.docdb.arn
}`,
		CloudFormation: `Cluster:
  Type: AWS::DocDB::DBCluster
  Properties:
    MasterUsername: docdbadmin
    ManageMasterUserPassword: true
    StorageEncrypted: true
    KmsKeyId: !GetAtt DocDBKey.Arn`,
	},
	References: []string{
		"https://docs.aws.amazon.com/documentdb/latest/developerguide/encryption-at-rest.html",
		"https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#aws-managed-cmk",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "PR.DS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"documentdb", "encryption", "kms"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, c := range p.AWS.DocumentDB.Clusters {
			p.ReportIf(aws.IsTrue(c.Encrypted).And(aws.IsTrue(c.AWSManagedKey)), c.AWSManagedKey,
				"DocumentDB cluster %s is encrypted with the AWS managed key aws/rds, not a customer managed key", c.Resource.Address)
		}
	},
}
