package iam

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// PassRoleWildcard flags identity policies that allow passing any role.
var PassRoleWildcard = &rules.Rule{
	ID:       "aws-iam-passrole-wildcard",
	Title:    "IAM policy allows iam:PassRole on every role",
	Severity: rules.High,
	Description: "iam:PassRole lets a principal hand a role to a service (EC2, Lambda, ECS, CloudFormation, Glue, " +
		"...), which then acts with that role's permissions. Allowed on Resource \"*\", it lets the principal " +
		"launch a resource with the most powerful role in the account and act through it: a well-known privilege " +
		"escalation path. The rule reports Allow statements whose actions include iam:PassRole (iam:PassRole, " +
		"iam:Pass*, iam:*, * or a NotAction that does not exclude it) with Resource \"*\" (or a NotResource). " +
		"A condition on iam:PassedToService narrows the services but not the roles, so it does not change the " +
		"finding.",
	Remediation: rules.Remediation{
		Text: "List the ARNs of the roles the principal needs to pass (a path such as role/app/* works), and add an " +
			"iam:PassedToService condition naming the service.",
		Terraform: `data "aws_iam_policy_document" "deployer" {
  statement {
    actions   = ["iam:PassRole"]
    resources = [aws_iam_role.lambda_exec.arn]
    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["lambda.amazonaws.com"]
    }
  }
}`,
		CloudFormation: `DeployerPolicy:
  Type: AWS::IAM::ManagedPolicy
  Properties:
    PolicyDocument:
      Version: "2012-10-17"
      Statement:
        - Effect: Allow
          Action: iam:PassRole
          Resource: !GetAtt LambdaExecutionRole.Arn
          Condition:
            StringEquals:
              iam:PassedToService: lambda.amazonaws.com`,
	},
	References: []string{
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html",
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PassedToService",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "PR.AA-05"},
		{Framework: rules.FrameworkISO, ID: "A.8.2"},
	},
	Tags:      []string{"iam", "least-privilege", "privilege-escalation"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		eachStatement(p, func(pol *aws.IAMPolicy, st *aws.Statement) {
			cond := graph.All(st.IsAllow(), st.CoversAction("iam:PassRole"), st.CoversAllResources())
			p.ReportIf(cond, actionSubject(st), "%s allows iam:PassRole on every role (Resource \"*\")", pol.Describe())
		})
	},
}
