package sqs

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// AWSManagedKey flags queues encrypted with the AWS managed key
// alias/aws/sqs rather than a customer managed key.
var AWSManagedKey = &rules.Rule{
	ID:       "aws-sqs-aws-managed-key",
	Title:    "SQS queue is encrypted with the AWS managed key",
	Severity: rules.Low,
	Description: "A queue whose KMS key is alias/aws/sqs is encrypted at rest, but with a key whose policy AWS " +
		"writes and the account cannot change: any principal of the account allowed to use SQS can use it, " +
		"other accounts and AWS services such as SNS or EventBridge can never be granted it (so they cannot send " +
		"to the queue), and its use cannot be limited per queue. Choosing KMS for a queue is choosing to control " +
		"the key; a customer managed key gives that control. Queues without a KMS key use SSE-SQS, on by " +
		"default since October 2022, with keys SQS owns: that is a deliberate default, not reported here " +
		"(aws-sqs-unencrypted reports queues with no encryption at all).",
	Remediation: rules.Remediation{
		Text: "Create a customer managed KMS key whose key policy lets the queue's producers and consumers use it, " +
			"and set it on the queue.",
		Terraform: `resource "aws_sqs_queue" "jobs" {
  name              = "jobs"
  kms_master_key_id = aws_kms_key.sqs.arn
}`,
		CloudFormation: `Jobs:
  Type: AWS::SQS::Queue
  Properties:
    KmsMasterKeyId: !GetAtt SqsKey.Arn`,
	},
	References: []string{
		"https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html",
		"https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html",
		"https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#aws-managed-cmk",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "PR.DS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"sqs", "encryption", "kms"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, q := range p.AWS.Messages.Queues {
			p.ReportIf(aws.IsTrue(q.AWSManagedKey), q.AWSManagedKey,
				"SQS queue %s is encrypted with the AWS managed key alias/aws/sqs, whose key policy cannot be changed", q.Resource.Address)
		}
	},
}
