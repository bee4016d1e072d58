package lambda

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// URLNoAuth flags: lambda function URL needs no authentication.
var URLNoAuth = &rules.Rule{
	ID:          "aws-lambda-url-no-auth",
	Title:       "Lambda function URL needs no authentication",
	Severity:    rules.High,
	Description: "A function URL with auth type NONE is an open HTTPS endpoint: anyone on the internet can invoke the function, run up its cost and reach whatever its role can.",
	Remediation: rules.Remediation{
		Text: "Use AWS_IAM authentication (and front public traffic with API Gateway or CloudFront where needed).",
		Terraform: `resource "aws_lambda_function_url" "this" {
  function_name      = aws_lambda_function.this.function_name
  authorization_type = "AWS_IAM"
}`,
		CloudFormation: `FunctionUrl:
  Type: AWS::Lambda::Url
  Properties:
    TargetFunctionArn: !GetAtt Function.Arn
    AuthType: AWS_IAM`,
	},
	References: []string{
		"https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "PR.AA-03"},
		{Framework: rules.FrameworkISO, ID: "A.8.5"},
	},
	Tags:      []string{"lambda", "authentication"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, u := range p.AWS.Lambda.URLs {
			p.ReportIf(aws.EqualFold(u.AuthType, "NONE"), u.AuthType, "the function URL of %s has auth type NONE: anyone can invoke it", u.Resource.Address)
		}
	},
}
