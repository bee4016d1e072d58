package apigateway

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// TracingDisabled flags REST stages without X-Ray tracing.
var TracingDisabled = &rules.Rule{
	ID:       "aws-apigateway-tracing-disabled",
	Title:    "API Gateway REST stage does not trace requests with X-Ray",
	Severity: rules.Low,
	Description: "Without active X-Ray tracing (off by default) a REST API stage starts no trace, so a request's " +
		"path from the API through its integrations (Lambda, other services) is not recorded as one trace; " +
		"that is what shows which calls a suspicious request led to and where it failed or slowed. HTTP and " +
		"WebSocket APIs do not support X-Ray and are not checked. SAM APIs take the setting from TracingEnabled.",
	Remediation: rules.Remediation{
		Text: "Turn on X-Ray tracing for the stage and choose a sampling rule.",
		Terraform: `resource "aws_api_gateway_stage" "prod" {
  rest_api_id          = aws_api_gateway_rest_api.api.id
  deployment_id        = aws_api_gateway_deployment.api.id
  stage_name           = "prod"
  xray_tracing_enabled = true
}`,
		CloudFormation: `Prod:
  Type: AWS::ApiGateway::Stage
  Properties:
    RestApiId: !Ref Api
    DeploymentId: !Ref Deployment
    StageName: prod
    TracingEnabled: true`,
	},
	References: []string{
		"https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-xray.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-3",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "APIGateway.3"},
		{Framework: rules.FrameworkConfig, ID: "api-gw-xray-enabled"},
		{Framework: rules.FrameworkNIST, ID: "DE.CM-09"},
		{Framework: rules.FrameworkISO, ID: "A.8.16"},
	},
	Tags:      []string{"apigateway", "logging", "tracing"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, s := range p.AWS.APIGateway.Stages {
			if !s.REST {
				continue
			}
			p.ReportIf(aws.IsTrue(s.Tracing).Not(), s.Tracing,
				"API Gateway %s does not trace requests with X-Ray", stageName(s))
		}
	},
}
