package apigateway

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// AccessLoggingDisabled flags stages that log no access.
var AccessLoggingDisabled = &rules.Rule{
	ID:       "aws-apigateway-access-logging-disabled",
	Title:    "API Gateway stage does not log access",
	Severity: rules.Medium,
	Description: "A stage writes no access logs unless it has an access log destination (a CloudWatch Logs log " +
		"group or a Firehose stream): there is then no record of who called the API, from which address, with " +
		"which identity and result, which is what investigating abuse of an API (credential stuffing, scraping, " +
		"an attacker using a stolen token) starts from. Execution logs, which record what API Gateway did, do not " +
		"replace them. REST API stages (including the stage a deployment creates and SAM APIs) and HTTP and " +
		"WebSocket API stages (including SAM HTTP APIs) are checked.",
	Remediation: rules.Remediation{
		Text: "Give the stage an access log destination and a log format that records the caller " +
			"($context.identity.sourceIp, $context.identity.caller or $context.authorizer.principalId), the " +
			"request and the status.",
		Terraform: `resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.api.id
  stage_name    = "prod"

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api_access.arn
    format = jsonencode({
      requestId = "$context.requestId"
      sourceIp  = "$context.identity.sourceIp"
      caller    = "$context.identity.caller"
      method    = "$context.httpMethod"
      path      = "$context.resourcePath"
      status    = "$context.status"
    })
  }
}`,
		CloudFormation: `Prod:
  Type: AWS::ApiGateway::Stage
  Properties:
    RestApiId: !Ref Api
    DeploymentId: !Ref Deployment
    StageName: prod
    AccessLogSetting:
      DestinationArn: !GetAtt ApiAccessLogs.Arn
      Format: '{"requestId":"$context.requestId","sourceIp":"$context.identity.sourceIp","caller":"$context.identity.caller","status":"$context.status"}'`,
	},
	References: []string{
		"https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html",
		"https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-9",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "APIGateway.9"},
		{Framework: rules.FrameworkConfig, ID: "api-gwv2-access-logs-enabled"},
		{Framework: rules.FrameworkNIST, ID: "DE.CM-09"},
		{Framework: rules.FrameworkISO, ID: "A.8.15"},
	},
	Tags:      []string{"apigateway", "logging"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, s := range p.AWS.APIGateway.Stages {
			p.ReportIf(aws.IsTrue(s.AccessLogging).Not(), s.AccessLogging,
				"API Gateway %s does not log access (no access log destination)", stageName(s))
		}
	},
}

// stageName names a stage in messages.
func stageName(s *aws.APIStage) string {
	if s.Name == s.Resource.Address {
		return "stage " + s.Name
	}
	return s.Name
}
