package sns

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// Unencrypted flags: sNS topic is not encrypted with KMS.
var Unencrypted = &rules.Rule{
	ID:          "aws-sns-unencrypted",
	Title:       "SNS topic is not encrypted with KMS",
	Severity:    rules.Medium,
	Description: "SNS stores messages unencrypted at rest unless the topic has a KMS key. With a key, reading messages also requires permission on a key whose policy you control.",
	Remediation: rules.Remediation{
		Text: "Set a KMS key on the topic (alias/aws/sns or a customer-managed key).",
		Terraform: `resource "aws_sns_topic" "this" {
  name              = "alerts"
  kms_master_key_id = aws_kms_key.sns.arn
}`,
		CloudFormation: `Topic:
  Type: AWS::SNS::Topic
  Properties:
    KmsMasterKeyId: !Ref SnsKey`,
	},
	References: []string{
		"https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/sns-controls.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "SNS.1"},
		{Framework: rules.FrameworkConfig, ID: "sns-encrypted-kms"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"sns", "encryption"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, t := range p.AWS.Messages.Topics {
			p.ReportIf(aws.IsTrue(t.KMSEncrypted).Not(), t.KMSEncrypted, "SNS topic %s has no KMS key, so messages are not encrypted at rest", t.Resource.Address)
		}
	},
}
