package sqs

import (
	"github.com/blindspot-iac/blindspot/rules"
)

// Unencrypted flags: sQS queue is not encrypted.
var Unencrypted = &rules.Rule{
	ID:          "aws-sqs-unencrypted",
	Title:       "SQS queue is not encrypted",
	Severity:    rules.Medium,
	Description: "A queue without server-side encryption stores messages in clear at rest. Queues get SSE-SQS by default since October 2022, so this flags queues that turn it off without a KMS key.",
	Remediation: rules.Remediation{
		Text: "Keep SSE-SQS on, or set a KMS key.",
		Terraform: `resource "aws_sqs_queue" "this" {
  name                    = "jobs"
  sqs_managed_sse_enabled = true
}`,
		CloudFormation: `Queue:
  Type: AWS::SQS::Queue
  Properties:
    SqsManagedSseEnabled: true`,
	},
	References: []string{
		"https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/sqs-controls.html#sqs-1",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "SQS.1"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"sqs", "encryption"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, q := range p.AWS.Messages.Queues {
			subject := q.ManagedSSE
			if f := p.ReportIf(q.Encrypted().Not(), subject, "SQS queue %s has server-side encryption turned off", q.Resource.Address); f != nil {
				rules.FixLiteral(f, subject.At, subject.Set, "Turn SSE-SQS on", "true")
			}
		}
	},
}
