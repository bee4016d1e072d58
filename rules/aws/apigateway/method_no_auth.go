package apigateway

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// MethodNoAuth flags methods and routes anyone can call.
var MethodNoAuth = &rules.Rule{
	ID:       "aws-apigateway-method-no-auth",
	Title:    "API Gateway method or route needs no authorization",
	Severity: rules.Medium,
	Description: "A REST API method or an HTTP or WebSocket API route whose authorization type is NONE (the " +
		"default), and that requires no API key, can be called by anyone who knows the URL: whatever the " +
		"integration behind it does (a Lambda function, a database query, an AWS service action) is open to the " +
		"internet, with the API's own account paying for it. Not reported: CORS preflight (OPTIONS) methods, " +
		"WebSocket routes other than $connect (authorized when the connection is made), methods of private REST " +
		"APIs, and methods of REST APIs whose resource policy limits the callers (denies something, or grants " +
		"access to no one unconditionally). When the API is not in the scanned code, the answer is undetermined. " +
		"An API that is public on purpose should still authorize writes, and can suppress the finding for its " +
		"public reads.",
	Remediation: rules.Remediation{
		Text: "Set an authorization type (AWS_IAM, a Lambda or Cognito authorizer for REST APIs; AWS_IAM, JWT or a " +
			"Lambda authorizer for HTTP APIs), or require an API key with a usage plan for machine callers.",
		Terraform: `resource "aws_api_gateway_method" "get_orders" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_resource.orders.id
  http_method   = "GET"
  authorization = "COGNITO_USER_POOLS"
  authorizer_id = aws_api_gateway_authorizer.users.id
}`,
		CloudFormation: `GetOrders:
  Type: AWS::ApiGateway::Method
  Properties:
    RestApiId: !Ref Api
    ResourceId: !Ref OrdersResource
    HttpMethod: GET
    AuthorizationType: AWS_IAM
    Integration:
      Type: AWS_PROXY
      IntegrationHttpMethod: POST
      Uri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${OrdersFunction.Arn}/invocations`,
	},
	References: []string{
		"https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html",
		"https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-access-control.html",
		"https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-control-access.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-8",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "APIGateway.8"},
		{Framework: rules.FrameworkConfig, ID: "api-gwv2-authorization-type-configured"},
		{Framework: rules.FrameworkNIST, ID: "PR.AA-03"},
		{Framework: rules.FrameworkISO, ID: "A.8.5"},
	},
	Tags:      []string{"apigateway", "authentication", "public-access"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, m := range p.AWS.APIGateway.Methods {
			open := aws.EqualFold(m.Authorization, "NONE").And(aws.IsTrue(m.APIKeyRequired).Not())
			cond := open.And(m.Exempt.Not()).And(m.Restricted.Not())
			subject := rules.Subject(m.Authorization)
			if cond == graph.Unknown && open == graph.True {
				why := m.ExemptWhy
				if m.Exempt != graph.Unknown {
					why = m.RestrictedWhy
				}
				subject = rules.Because(m.Authorization, why)
			}
			p.ReportIf(cond, subject, "API Gateway %s needs no authorization and no API key", m.Name)
		}
	},
}
