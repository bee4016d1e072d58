package org

import (
	"github.com/blindspot-iac/blindspot/rules"
)

// RootUserUnrestricted flags organisations that let the root users of
// member accounts act.
var RootUserUnrestricted = &rules.Rule{
	ID:       "aws-org-root-user-unrestricted",
	Title:    "No service control policy restricts the root user of member accounts",
	Severity: rules.High,
	Description: "The root user of an account can do anything in it and is not subject to IAM policies. Member " +
		"accounts seldom need it, and AWS guidance is to deny its actions with an SCP (a Deny on every action when " +
		"aws:PrincipalArn is like arn:aws:iam::*:root), so that a leaked root password or a recovered email address " +
		"does not hand over the account.",
	Remediation: rules.Remediation{
		Text: "Attach to the root an SCP that denies every action to the root user of member accounts (the management " +
			"account is never restricted by SCPs). With centralised root access, member accounts need no root credentials at all.",
		Terraform: `resource "aws_organizations_policy" "deny_root" {
  name = "deny-root-user"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Action    = "*"
      Resource  = "*"
      Condition = { StringLike = { "aws:PrincipalArn" = "arn:aws:iam::*:root" } }
    }]
  })
}`,
		CloudFormation: `DenyRoot:
  Type: AWS::Organizations::Policy
  Properties:
    Name: deny-root-user
    Type: SERVICE_CONTROL_POLICY
    TargetIds: [!GetAtt Organization.RootId]
    Content:
      Version: "2012-10-17"
      Statement:
        - Effect: Deny
          Action: "*"
          Resource: "*"
          Condition:
            StringLike:
              aws:PrincipalArn: arn:aws:iam::*:root`,
	},
	References: refs(
		"https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html#example-scp-root-user",
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-best-practices.html",
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html#id_root-user-access-management",
	),
	Compliance: []rules.Control{
		{Framework: rules.FrameworkCIS, ID: "1.7"},
		{Framework: rules.FrameworkNIST, ID: "PR.AA-05"},
		{Framework: rules.FrameworkISO, ID: "A.8.2"},
	},
	Tags:      []string{"organizations", "scp", "guardrail", "root-user"},
	Precision: "high",
	Scope:     rules.OrganizationScope,
	Check: func(p *rules.Pass) {
		checkGuardrail(p, deniesRootUser,
			"denies actions by the root user of member accounts (aws:PrincipalArn like arn:aws:iam::*:root)")
	},
}
