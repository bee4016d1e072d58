package stepfunctions

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// LoggingDisabled flags state machines that log no execution history.
var LoggingDisabled = &rules.Rule{
	ID:       "aws-stepfunctions-logging-disabled",
	Title:    "Step Functions state machine does not log its executions",
	Severity: rules.Low,
	Description: "A state machine's logging level is OFF unless set: no execution events reach CloudWatch Logs. " +
		"Express workflows keep no execution history at all without logging, so what they did cannot be " +
		"reconstructed; standard workflows keep 90 days of history in the service, but not where log retention, " +
		"alarms and investigations work. ALL, ERROR or FATAL count as logging. SAM state machines take the " +
		"level from Logging.",
	Remediation: rules.Remediation{
		Text: "Set a logging level (ALL, or ERROR to log failures only) and a CloudWatch Logs log group as " +
			"destination; let the state machine's role deliver logs.",
		Terraform: `resource "aws_sfn_state_machine" "orders" {
  name       = "orders"
  role_arn   = aws_iam_role.sfn.arn
  definition = file("orders.asl.json")

  logging_configuration {
    level                  = "ALL"
    include_execution_data = false
    log_destination        = "${aws_cloudwatch_log_group.sfn.arn}:*"
  }
}`,
		CloudFormation: `Orders:
  Type: AWS::StepFunctions::StateMachine
  Properties:
    RoleArn: !GetAtt StateMachineRole.Arn
    DefinitionS3Location:
      Bucket: artifacts
      Key: orders.asl.json
    LoggingConfiguration:
      Level: ALL
      IncludeExecutionData: false
      Destinations:
        - CloudWatchLogsLogGroup:
            LogGroupArn: !GetAtt StateMachineLogs.Arn`,
	},
	References: []string{
		"https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/stepfunctions-controls.html#stepfunctions-1",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "StepFunctions.1"},
		{Framework: rules.FrameworkConfig, ID: "step-functions-state-machine-logging-enabled"},
		{Framework: rules.FrameworkNIST, ID: "DE.CM-09"},
		{Framework: rules.FrameworkISO, ID: "A.8.15"},
	},
	Tags:      []string{"stepfunctions", "logging"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, sm := range p.AWS.StepFunctions.StateMachines {
			p.ReportIf(aws.EqualFold(sm.LogLevel, "OFF"), sm.LogLevel,
				"state machine %s does not log its executions (logging level OFF)", sm.Resource.Address)
		}
	},
}
