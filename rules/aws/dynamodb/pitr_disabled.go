package dynamodb

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// PITRDisabled flags: dynamoDB point-in-time recovery is not enabled.
var PITRDisabled = &rules.Rule{
	ID:          "aws-dynamodb-pitr-disabled",
	Title:       "DynamoDB point-in-time recovery is not enabled",
	Severity:    rules.Medium,
	Description: "Without point-in-time recovery a table cannot be restored to a moment before an accidental or malicious write or delete; on-demand backups capture only the moments someone remembered to take them.",
	Remediation: rules.Remediation{
		Text: "Enable point-in-time recovery.",
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
}`,
		CloudFormation: `Table:
  Type: AWS::DynamoDB::Table
  Properties:
    BillingMode: PAY_PER_REQUEST
    KeySchema: [{AttributeName: id, KeyType: HASH}]
    AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
    PointInTimeRecoverySpecification:
      PointInTimeRecoveryEnabled: true`,
	},
	References: []string{
		"https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/dynamodb-controls.html#dynamodb-2",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "DynamoDB.2"},
		{Framework: rules.FrameworkConfig, ID: "dynamodb-pitr-enabled"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-11"},
		{Framework: rules.FrameworkISO, ID: "A.8.13"},
	},
	Tags:      []string{"dynamodb", "backup"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, t := range p.AWS.DynamoDB.Tables {
			if f := p.ReportIf(aws.IsTrue(t.PointInTimeRecovery).Not(), t.PointInTimeRecovery, "point-in-time recovery of DynamoDB table %s is not enabled", t.Name); f != nil {
				rules.FixLiteral(f, t.PointInTimeRecovery.At, t.PointInTimeRecovery.Set, "Enable point-in-time recovery", "true")
			}
		}
	},
}
