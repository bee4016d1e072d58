package lambda

import (
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// PermissionPublic flags Lambda permissions that let anyone, or a service
// acting for any account, invoke the function.
var PermissionPublic = &rules.Rule{
	ID:          "aws-lambda-permission-public",
	Title:       "Lambda permission lets anyone invoke the function",
	Severity:    rules.Critical,
	Description: "A resource-based permission whose principal is * lets any AWS account invoke the function. A service principal (s3.amazonaws.com, sns.amazonaws.com, ...) without a source ARN or source account lets that service act for any account's resources, the confused-deputy problem.",
	Remediation: rules.Remediation{
		Text: "Name a specific principal, and for service principals set the source ARN and source account.",
		Terraform: `resource "aws_lambda_permission" "s3" {
  statement_id   = "AllowS3"
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.this.function_name
  principal      = "s3.amazonaws.com"
  source_arn     = aws_s3_bucket.uploads.arn
  source_account = data.aws_caller_identity.current.account_id
}`,
		CloudFormation: `Permission:
  Type: AWS::Lambda::Permission
  Properties:
    Action: lambda:InvokeFunction
    FunctionName: !Ref Function
    Principal: s3.amazonaws.com
    SourceArn: !GetAtt Uploads.Arn
    SourceAccount: !Ref AWS::AccountId`,
	},
	References: []string{
		"https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-1",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "Lambda.1"},
		{Framework: rules.FrameworkConfig, ID: "lambda-function-public-access-prohibited"},
		{Framework: rules.FrameworkNIST, ID: "PR.AA-05"},
		{Framework: rules.FrameworkISO, ID: "A.5.15"},
	},
	Tags:      []string{"lambda", "iam"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, perm := range p.AWS.Lambda.Permissions {
			anyone := perm.Principal.Test(func(s string) bool { return s == "*" })
			service := perm.Principal.Test(func(s string) bool { return strings.HasSuffix(s, ".amazonaws.com") })
			unlimited := aws.IsTrue(perm.SourceArn).Or(aws.IsTrue(perm.SourceAccount)).Or(aws.IsTrue(perm.PrincipalOrg)).Not()
			// An undetermined answer names the condition that is unknown,
			// not the principal the finding would point at.
			subject := rules.Subject(perm.Principal)
			for _, cond := range []aws.Bool{perm.SourceArn, perm.SourceAccount, perm.PrincipalOrg} {
				if aws.IsTrue(cond) == graph.Unknown && perm.Principal.IsKnown() {
					subject = rules.Because(perm.Principal, cond.UnknownReason())
					break
				}
			}
			if anyone == graph.True {
				p.ReportIf(aws.IsTrue(perm.PrincipalOrg).Not(), subject, "Lambda permission %s lets any AWS account invoke the function (principal \"*\")", perm.Resource.Address)
				continue
			}
			p.ReportIf(anyone.Or(service.And(unlimited)), subject, "Lambda permission %s lets a service invoke the function on behalf of any account (no source ARN or source account)", perm.Resource.Address)
		}
	},
}
