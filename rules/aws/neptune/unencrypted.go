package neptune

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// Unencrypted flags Neptune clusters whose storage is not encrypted.
var Unencrypted = &rules.Rule{
	ID:       "aws-neptune-unencrypted",
	Title:    "Neptune cluster storage is not encrypted",
	Severity: rules.High,
	Description: "Encryption at rest covers a Neptune cluster's storage, automated backups, snapshots and replicas. It " +
		"is chosen when the cluster is created and cannot be turned on later: the data has to be loaded into a new, " +
		"encrypted cluster. The console encrypts new clusters by default, but CloudFormation (StorageEncrypted) and " +
		"Terraform (storage_encrypted) leave encryption off unless it is set, which is the default the rule " +
		"assumes. A cluster restored from a snapshot, replicating another cluster or joining a global cluster takes " +
		"its source's encryption when the setting is left out, so the rule cannot judge it.",
	Remediation: rules.Remediation{
		Text: "Create the cluster with storage encryption on (StorageEncrypted / storage_encrypted = true).",
		Terraform: `resource "aws_neptune_cluster" "this" {
  cluster_identifier             = "graph"
  storage_encrypted              = true
  kms_key_arn                    = aws_kms_key.neptune.arn
  enable_cloudwatch_logs_exports = ["audit"]
}`,
		CloudFormation: `Cluster:
  Type: AWS::Neptune::DBCluster
  Properties:
    StorageEncrypted: true
    KmsKeyId: !GetAtt NeptuneKey.Arn
    EnableCloudwatchLogsExports:
      - audit`,
	},
	References: []string{
		"https://docs.aws.amazon.com/neptune/latest/userguide/encrypt.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/neptune-controls.html#neptune-1",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "Neptune.1"},
		{Framework: rules.FrameworkConfig, ID: "neptune-cluster-encrypted"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"neptune", "encryption"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, c := range p.AWS.Neptune.Clusters {
			if f := p.ReportIf(aws.IsTrue(c.Encrypted).Not(), c.Encrypted, "storage of Neptune cluster %s is not encrypted", c.Resource.Address); f != nil {
				rules.FixLiteral(f, c.Encrypted.At, c.Encrypted.Set, "Encrypt the storage", "true")
			}
		}
	},
}
