package dynamodb

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// NoCustomerManagedKey flags tables encrypted with a key AWS owns or
// manages.
var NoCustomerManagedKey = &rules.Rule{
	ID:       "aws-dynamodb-no-customer-managed-key",
	Title:    "DynamoDB table is not encrypted with a customer managed key",
	Severity: rules.Low,
	Description: "DynamoDB encrypts every table at rest; the choice is whose key. By default (no server-side " +
		"encryption settings, or KMS encryption off) it uses a key AWS owns, which no key policy or CloudTrail " +
		"record of the account covers; with KMS encryption on and no key named it uses the AWS managed key " +
		"aws/dynamodb, whose policy the account cannot change. Only a customer managed key lets the account " +
		"decide who may decrypt the table, audit each use, and cut access off by disabling the key. The data is " +
		"encrypted either way, hence the low severity. Global table replicas are judged one by one: each " +
		"names its own key.",
	Remediation: rules.Remediation{
		Text: "Turn KMS encryption on and name a customer managed key (server_side_encryption with kms_key_arn; SSESpecification with SSEType KMS and KMSMasterKeyId).",
		Terraform: `resource "aws_dynamodb_table" "this" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
  point_in_time_recovery {
    enabled = true
  }
  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.orders.arn
  }
}`,
		CloudFormation: `Table:
  Type: AWS::DynamoDB::Table
  Properties:
    BillingMode: PAY_PER_REQUEST
    KeySchema: [{AttributeName: id, KeyType: HASH}]
    AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
    PointInTimeRecoverySpecification:
      PointInTimeRecoveryEnabled: true
    SSESpecification:
      SSEEnabled: true
      SSEType: KMS
      KMSMasterKeyId: !GetAtt OrdersKey.Arn`,
	},
	References: []string{
		"https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html",
		"https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/encryption.howitworks.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "PR.DS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"dynamodb", "encryption", "kms"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, t := range p.AWS.DynamoDB.Tables {
			p.ReportIf(aws.IsTrue(t.AWSKey), t.AWSKey, "DynamoDB table %s is encrypted with a key AWS owns or manages, not a customer managed key", t.Name)
		}
	},
}
