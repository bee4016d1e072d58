package sqs

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/rules"
)

// PolicyPublicPrincipal flags queue policy statements that allow anyone.
var PolicyPublicPrincipal = &rules.Rule{
	ID:       "aws-sqs-policy-public-principal",
	Title:    "SQS queue policy allows access to everyone",
	Severity: rules.High,
	Description: "A queue policy statement that allows Principal \"*\" (or {\"AWS\": \"*\"}, or every principal " +
		"but some through NotPrincipal) lets any AWS account use the queue with the statement's actions: send " +
		"forged messages to its consumers, read or delete the messages, or purge it. A condition that limits the " +
		"caller (aws:SourceArn, aws:SourceAccount, aws:SourceVpce, aws:PrincipalOrgID, aws:PrincipalAccount and " +
		"the other keys aws-s3-policy-public-principal lists) with a positive operator and a value that is not a " +
		"wildcard makes the statement not public.",
	Remediation: rules.Remediation{
		Text: "Name the principals that need the queue (accounts, roles, service principals), or limit the " +
			"statement with aws:SourceArn (for a service sending to it) or aws:PrincipalOrgID.",
		Terraform: `resource "aws_sqs_queue_policy" "jobs" {
  queue_url = aws_sqs_queue.jobs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sns.amazonaws.com" }
      Action    = "sqs:SendMessage"
      Resource  = aws_sqs_queue.jobs.arn
      Condition = { ArnEquals = { "aws:SourceArn" = aws_sns_topic.events.arn } }
    }]
  })
}`,
		CloudFormation: `JobsPolicy:
  Type: AWS::SQS::QueuePolicy
  Properties:
    Queues: [!Ref Jobs]
    PolicyDocument:
      Version: "2012-10-17"
      Statement:
        - Effect: Allow
          Principal:
            Service: sns.amazonaws.com
          Action: sqs:SendMessage
          Resource: !GetAtt Jobs.Arn
          Condition:
            ArnEquals:
              aws:SourceArn: !Ref Events`,
	},
	References: []string{
		"https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html",
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/sqs-controls.html#sqs-3",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "SQS.3"},
		{Framework: rules.FrameworkNIST, ID: "PR.AA-05"},
		{Framework: rules.FrameworkISO, ID: "A.8.3"},
	},
	Tags:      []string{"sqs", "public-access", "iam"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, pol := range p.AWS.Messages.QueuePolicies {
			doc := pol.Document
			if !doc.Known {
				p.ReportIf(graph.Unknown, doc, "")
				continue
			}
			for _, st := range doc.Statements {
				p.ReportIf(st.GrantsPublicAccess(), st.PrincipalAt(),
					"queue policy %s allows everyone without a condition that limits who", pol.Resource.Address)
			}
		}
	},
}
