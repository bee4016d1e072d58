package sns

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// AWSManagedKey flags topics encrypted with the AWS managed key
// alias/aws/sns rather than a customer managed key.
var AWSManagedKey = &rules.Rule{
	ID:       "aws-sns-aws-managed-key",
	Title:    "SNS topic is encrypted with the AWS managed key",
	Severity: rules.Low,
	Description: "A topic whose KMS key is alias/aws/sns is encrypted at rest, but with a key whose policy AWS " +
		"writes and the account cannot change: every principal of the account allowed to use SNS can use it, " +
		"other accounts can never be granted it (so cross-account publishers cannot send to the topic), and its " +
		"use cannot be limited or audited per topic. A customer managed key lets you decide who may decrypt " +
		"messages and rotate or disable the key yourself. Topics without any key are reported by " +
		"aws-sns-unencrypted, not by this rule.",
	Remediation: rules.Remediation{
		Text: "Create a customer managed KMS key whose key policy grants SNS and the topic's publishers and " +
			"subscribers what they need, and use it for the topic.",
		Terraform: `resource "aws_sns_topic" "alerts" {
  name              = "alerts"
  kms_master_key_id = aws_kms_key.sns.arn
}`,
		CloudFormation: `Alerts:
  Type: AWS::SNS::Topic
  Properties:
    KmsMasterKeyId: !GetAtt SnsKey.Arn`,
	},
	References: []string{
		"https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html",
		"https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html",
		"https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#aws-managed-cmk",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "PR.DS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"sns", "encryption", "kms"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, t := range p.AWS.Messages.Topics {
			p.ReportIf(aws.IsTrue(t.AWSManagedKey), t.AWSManagedKey,
				"SNS topic %s is encrypted with the AWS managed key alias/aws/sns, whose key policy cannot be changed", t.Resource.Address)
		}
	},
}
