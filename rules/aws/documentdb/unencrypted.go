package documentdb

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// Unencrypted flags DocumentDB clusters whose storage is not encrypted.
var Unencrypted = &rules.Rule{
	ID:       "aws-documentdb-unencrypted",
	Title:    "DocumentDB cluster storage is not encrypted",
	Severity: rules.High,
	Description: "Encryption at rest covers a DocumentDB cluster's storage volume, indexes, logs, automated backups and " +
		"snapshots. It can only be chosen when the cluster is created: an unencrypted cluster has to be dumped and " +
		"restored into a new encrypted one. The console turns encryption on by default, but the API, CloudFormation " +
		"(StorageEncrypted) and Terraform (storage_encrypted) leave it off unless it is set, which is the default " +
		"the rule assumes. A cluster restored from a snapshot or added to a global cluster takes its source's " +
		"encryption when the setting is left out, so the rule cannot judge it.",
	Remediation: rules.Remediation{
		Text: "Create the cluster with storage encryption on (StorageEncrypted / storage_encrypted = true).",
		Terraform: `resource "aws_docdb_cluster" "this" {
  cluster_identifier              = "orders"
  master_username                 = "docdbadmin"
  manage_master_user_password     = true
  storage_encrypted               = true
  kms_key_id                      = aws_kms_key.docdb.arn
  enabled_cloudwatch_logs_exports = ["audit"]
}`,
		CloudFormation: `Cluster:
  Type: AWS::DocDB::DBCluster
  Properties:
    MasterUsername: docdbadmin
    ManageMasterUserPassword: true
    StorageEncrypted: true
    KmsKeyId: !GetAtt DocDBKey.Arn
    EnableCloudwatchLogsExports:
      - audit`,
	},
	References: []string{
		"https://docs.aws.amazon.com/documentdb/latest/developerguide/encryption-at-rest.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/documentdb-controls.html#documentdb-1",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "DocumentDB.1"},
		{Framework: rules.FrameworkConfig, ID: "docdb-cluster-encrypted"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"documentdb", "encryption"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, c := range p.AWS.DocumentDB.Clusters {
			if f := p.ReportIf(aws.IsTrue(c.Encrypted).Not(), c.Encrypted, "storage of DocumentDB cluster %s is not encrypted", c.Resource.Address); f != nil {
				rules.FixLiteral(f, c.Encrypted.At, c.Encrypted.Set, "Encrypt the storage", "true")
			}
		}
	},
}
