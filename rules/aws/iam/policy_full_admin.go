package iam

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// PolicyFullAdmin flags identity policies that allow every action on every
// resource.
var PolicyFullAdmin = &rules.Rule{
	ID:       "aws-iam-policy-full-admin",
	Title:    "IAM policy allows full administrative access (\"*\" on \"*\")",
	Severity: rules.High,
	Description: "A statement that allows Action \"*\" on Resource \"*\" gives whoever holds the policy every " +
		"permission in the account: reading all data, deleting resources, creating users and keys, and " +
		"disabling logging. Least privilege means granting the actions a role needs on the resources it uses; " +
		"the few principals that truly need full access should get it from a managed, reviewed role (ideally " +
		"through IAM Identity Center) rather than from ad-hoc policies. Conditions on the statement do not " +
		"change the finding: the grant is still every action. The rule reads identity policies written in the " +
		"code: aws_iam_policy, aws_iam_role_policy, aws_iam_user_policy, aws_iam_group_policy and the " +
		"inline_policy blocks of aws_iam_role; AWS::IAM::Policy, ManagedPolicy, RolePolicy, UserPolicy, " +
		"GroupPolicy and the Policies of AWS::IAM::Role, User and Group, and the inline policies of IAM Identity " +
		"Center permission sets (aws_ssoadmin_permission_set_inline_policy, AWS::SSO::PermissionSet " +
		"InlinePolicy). Attaching the AWS managed policy AdministratorAccess is the same grant, and CIS 1.16 " +
		"counts it: the rule reports it attached to roles, users and groups (the policy attachment resources, " +
		"managed_policy_arns, ManagedPolicyArns, a SAM function's Policies) and to permission sets " +
		"(aws_ssoadmin_managed_policy_attachment, ManagedPolicies).",
	Remediation: rules.Remediation{
		Text: "Replace \"*\" with the actions the principal needs, scoped to the resources it uses. Start from " +
			"IAM Access Analyzer's policy generation, based on the principal's CloudTrail activity.",
		Terraform: `data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${aws_s3_bucket.data.arn}/*"]
  }
}

resource "aws_iam_policy" "app" {
  name   = "app"
  policy = data.aws_iam_policy_document.app.json
}`,
		CloudFormation: `AppPolicy:
  Type: AWS::IAM::ManagedPolicy
  Properties:
    PolicyDocument:
      Version: "2012-10-17"
      Statement:
        - Effect: Allow
          Action:
            - s3:GetObject
            - s3:PutObject
          Resource: !Sub "${DataBucket.Arn}/*"`,
	},
	References: []string{
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-generation.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-1",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkCIS, ID: "1.16"},
		{Framework: rules.FrameworkSecurityHub, ID: "IAM.1"},
		{Framework: rules.FrameworkConfig, ID: "iam-policy-no-statements-with-admin-access"},
		{Framework: rules.FrameworkNIST, ID: "PR.AA-05"},
		{Framework: rules.FrameworkISO, ID: "A.8.2"},
	},
	Tags:      []string{"iam", "least-privilege"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		eachStatement(p, func(pol *aws.IAMPolicy, st *aws.Statement) {
			cond := graph.All(st.IsAllow(), st.CoversEveryAction(), st.CoversAllResources())
			p.ReportIf(cond, actionSubject(st), "%s allows every action (\"*\") on every resource", pol.Describe())
		})
		for _, a := range p.AWS.IAM.ManagedAttachments {
			subject := rules.Subject(a)
			if a.Attached == graph.Unknown {
				subject = rules.Because(a, a.Why)
			}
			p.ReportIf(a.IsAWSManaged("AdministratorAccess").And(a.Attached), subject,
				"%s attaches the AWS managed policy AdministratorAccess, which allows every action on every resource, to %s",
				a.Resource.Address, a.To)
		}
	},
}
