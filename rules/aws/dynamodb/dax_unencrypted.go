package dynamodb

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// DAXUnencrypted flags DAX clusters without encryption at rest.
var DAXUnencrypted = &rules.Rule{
	ID:       "aws-dynamodb-dax-unencrypted",
	Title:    "DynamoDB Accelerator (DAX) cluster is not encrypted at rest",
	Severity: rules.High,
	Description: "A DAX cluster caches items of the DynamoDB tables behind it on its nodes. Encryption at rest " +
		"covers that cache, the cluster's configuration data and its logs; unlike DynamoDB tables, which are " +
		"always encrypted, a DAX cluster is encrypted only when server-side encryption is turned on " +
		"(SSESpecification / server_side_encryption), which is off by default and can only be chosen when the " +
		"cluster is created.",
	Remediation: rules.Remediation{
		Text: "Create the cluster with server-side encryption on.",
		Terraform: `resource "aws_dax_cluster" "this" {
  cluster_name       = "orders-cache"
  iam_role_arn       = aws_iam_role.dax.arn
  node_type          = "dax.r5.large"
  replication_factor = 3
  server_side_encryption {
    enabled = true
  }
}`,
		CloudFormation: `Cache:
  Type: AWS::DAX::Cluster
  Properties:
    IAMRoleARN: !GetAtt DaxRole.Arn
    NodeType: dax.r5.large
    ReplicationFactor: 3
    SSESpecification:
      SSEEnabled: true`,
	},
	References: []string{
		"https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAXEncryptionAtRest.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/dynamodb-controls.html#dynamodb-3",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "DynamoDB.3"},
		{Framework: rules.FrameworkConfig, ID: "dax-encryption-enabled"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"dynamodb", "dax", "encryption"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, c := range p.AWS.DynamoDB.DAXClusters {
			if f := p.ReportIf(aws.IsTrue(c.Encrypted).Not(), c.Encrypted, "DAX cluster %s is not encrypted at rest", c.Resource.Address); f != nil {
				rules.FixLiteral(f, c.Encrypted.At, c.Encrypted.Set, "Encrypt the cluster at rest", "true")
			}
		}
	},
}
