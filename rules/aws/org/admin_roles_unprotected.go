package org

import (
	"github.com/blindspot-iac/blindspot/rules"
)

// roleChangeActions are the actions that change or delete a role or its
// permissions; a guardrail protecting privileged roles denies them all.
var roleChangeActions = []string{"iam:AttachRolePolicy", "iam:DeleteRole", "iam:PutRolePolicy", "iam:UpdateRole"}

// AdminRolesUnprotected flags organisations whose privileged roles can be
// changed from inside member accounts.
var AdminRolesUnprotected = &rules.Rule{
	ID:       "aws-org-admin-roles-unprotected",
	Title:    "No service control policy protects the organisation's privileged roles",
	Severity: rules.Medium,
	Description: "Every member account holds roles the organisation relies on: the role the management account " +
		"assumes (OrganizationAccountAccessRole, AWSControlTowerExecution), the security team's audit and " +
		"break-glass roles. An account administrator who can delete them, rewrite their trust policy or attach " +
		"policies to them can lock the central teams out or borrow their access. AWS guidance is an SCP that " +
		"denies iam:AttachRolePolicy, iam:DeleteRole, iam:PutRolePolicy, iam:UpdateRole (and similar) on those " +
		"roles to everyone but the roles themselves.",
	Remediation: rules.Remediation{
		Text: "Attach to the root an SCP that denies changing or deleting the privileged roles (by path or name), " +
			"with a condition exempting those roles.",
		Terraform: `resource "aws_organizations_policy" "protect_roles" {
  name = "protect-admin-roles"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Deny"
      Action = ["iam:AttachRolePolicy", "iam:DeleteRole", "iam:DeleteRolePolicy", "iam:DetachRolePolicy",
                "iam:PutRolePolicy", "iam:UpdateRole", "iam:UpdateAssumeRolePolicy"]
      Resource  = "arn:aws:iam::*:role/org-admin/*"
      Condition = { ArnNotLike = { "aws:PrincipalArn" = "arn:aws:iam::*:role/org-admin/*" } }
    }]
  })
}`,
		CloudFormation: `ProtectRoles:
  Type: AWS::Organizations::Policy
  Properties:
    Name: protect-admin-roles
    Type: SERVICE_CONTROL_POLICY
    TargetIds: [!GetAtt Organization.RootId]
    Content:
      Version: "2012-10-17"
      Statement:
        - Effect: Deny
          Action: [iam:AttachRolePolicy, iam:DeleteRole, iam:DeleteRolePolicy, iam:DetachRolePolicy,
                   iam:PutRolePolicy, iam:UpdateRole, iam:UpdateAssumeRolePolicy]
          Resource: arn:aws:iam::*:role/org-admin/*
          Condition:
            ArnNotLike:
              aws:PrincipalArn: arn:aws:iam::*:role/org-admin/*`,
	},
	References: refs(
		"https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_iam.html",
		"https://docs.aws.amazon.com/controltower/latest/userguide/mandatory-controls.html",
	),
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "PR.AA-05"},
		{Framework: rules.FrameworkISO, ID: "A.8.2"},
	},
	Tags:      []string{"organizations", "scp", "guardrail", "iam"},
	Precision: "medium",
	Scope:     rules.OrganizationScope,
	Check: func(p *rules.Pass) {
		checkGuardrail(p, protectsAdminRoles,
			"denies changing or deleting its privileged roles (iam:AttachRolePolicy, iam:DeleteRole, iam:PutRolePolicy, iam:UpdateRole)")
	},
}
