package lambda

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// TracingDisabled flags functions without active X-Ray tracing.
var TracingDisabled = &rules.Rule{
	ID:       "aws-lambda-tracing-disabled",
	Title:    "Lambda function does not trace requests with X-Ray",
	Severity: rules.Low,
	Description: "A function's tracing mode is PassThrough unless set to Active: Lambda then records a trace only " +
		"when a caller already started one, so invocations from S3, SQS, EventBridge or schedules leave no trace " +
		"of what the function called and how long it took. Active tracing samples every entry point, which is " +
		"what an investigation of unusual calls or data access follows. SAM functions take the mode from " +
		"Tracing (theirs or the Globals section's).",
	Remediation: rules.Remediation{
		Text: "Set the tracing mode to Active and let the execution role write to X-Ray " +
			"(AWSXRayDaemonWriteAccess, or the xray:PutTraceSegments and xray:PutTelemetryRecords actions).",
		Terraform: `resource "aws_lambda_function" "worker" {
  function_name = "worker"
  role          = aws_iam_role.worker.arn
  handler       = "main.handler"
  runtime       = "python3.12"
  filename      = "worker.zip"

  tracing_config {
    mode = "Active"
  }
}`,
		CloudFormation: `Worker:
  Type: AWS::Lambda::Function
  Properties:
    Role: !GetAtt WorkerRole.Arn
    Handler: main.handler
    Runtime: python3.12
    Code:
      S3Bucket: artifacts
      S3Key: worker.zip
    TracingConfig:
      Mode: Active`,
	},
	References: []string{
		"https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html",
		"https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html#sam-function-tracing",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "Lambda.7"},
		{Framework: rules.FrameworkNIST, ID: "DE.CM-09"},
		{Framework: rules.FrameworkISO, ID: "A.8.16"},
	},
	Tags:      []string{"lambda", "logging", "tracing"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, fn := range p.AWS.Lambda.Functions {
			p.ReportIf(aws.EqualFold(fn.Tracing, "Active").Not(), fn.Tracing,
				"Lambda function %s does not trace requests with X-Ray (tracing mode is not Active)", fn.Resource.Address)
		}
	},
}
