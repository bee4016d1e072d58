package sqs

import (
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// PolicyAllActions flags queue policy statements that allow every SQS
// action.
var PolicyAllActions = &rules.Rule{
	ID:       "aws-sqs-policy-all-actions",
	Title:    "SQS queue policy allows every SQS action",
	Severity: rules.Medium,
	Description: "A queue policy statement that allows sqs:* (or *) gives its principals every action on the " +
		"queue: reading and deleting messages, purging the queue, changing its attributes and its policy, and " +
		"deleting it. Producers need sqs:SendMessage, consumers sqs:ReceiveMessage, sqs:DeleteMessage and " +
		"sqs:ChangeMessageVisibility; granting more lets a compromised producer or an over-trusted account " +
		"destroy or redirect the queue. Deny statements and NotAction statements are not reported.",
	Remediation: rules.Remediation{
		Text: "List only the actions the principal needs (for an SNS topic or an S3 bucket sending to the queue, " +
			"sqs:SendMessage) and limit the statement with aws:SourceArn.",
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
		"https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-using-identity-based-policies.html",
		"https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html",
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "PR.AA-05"},
		{Framework: rules.FrameworkISO, ID: "A.8.2"},
	},
	Tags:      []string{"sqs", "iam", "least-privilege"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, pol := range p.AWS.Messages.QueuePolicies {
			doc := pol.Document
			if !doc.Known {
				p.ReportIf(graph.Unknown, doc, "")
				continue
			}
			for _, st := range doc.Statements {
				all := st.Action.Any(coversEverySQSAction)
				p.ReportIf(st.IsAllow().And(all), st.Action,
					"queue policy %s allows every SQS action (%s)", pol.Resource.Address, strings.Join(st.Action.Values, ", "))
			}
		}
	},
}

// coversEverySQSAction reports whether an action pattern matches every
// SQS action: it ends with a wildcard and matches the bare prefix "sqs:",
// so its last * absorbs any action name ("*", "sqs:*", "s*").
func coversEverySQSAction(pattern string) bool {
	return strings.HasSuffix(pattern, "*") && aws.WildcardMatch(pattern, "sqs:")
}
