package stepfunctions

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// TracingDisabled flags state machines without X-Ray tracing.
var TracingDisabled = &rules.Rule{
	ID:       "aws-stepfunctions-tracing-disabled",
	Title:    "Step Functions state machine does not trace executions with X-Ray",
	Severity: rules.Low,
	Description: "Without X-Ray tracing (off by default), an execution's path through the services its states call " +
		"(Lambda, DynamoDB, SQS, other state machines) is not recorded as one trace, which is what shows where " +
		"an execution spent its time, failed, or called something unexpected. SAM state machines take the " +
		"setting from Tracing.",
	Remediation: rules.Remediation{
		Text: "Turn tracing on and let the state machine's role write to X-Ray.",
		Terraform: `resource "aws_sfn_state_machine" "orders" {
  name       = "orders"
  role_arn   = aws_iam_role.sfn.arn
  definition = file("orders.asl.json")

  tracing_configuration {
    enabled = true
  }
}`,
		CloudFormation: `Orders:
  Type: AWS::StepFunctions::StateMachine
  Properties:
    RoleArn: !GetAtt StateMachineRole.Arn
    DefinitionS3Location:
      Bucket: artifacts
      Key: orders.asl.json
    TracingConfiguration:
      Enabled: true`,
	},
	References: []string{
		"https://docs.aws.amazon.com/step-functions/latest/dg/concepts-xray-tracing.html",
		"https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-statemachine.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "DE.CM-09"},
		{Framework: rules.FrameworkISO, ID: "A.8.16"},
	},
	Tags:      []string{"stepfunctions", "logging", "tracing"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, sm := range p.AWS.StepFunctions.StateMachines {
			p.ReportIf(aws.IsTrue(sm.Tracing).Not(), sm.Tracing,
				"state machine %s does not trace executions with X-Ray", sm.Resource.Address)
		}
	},
}
