package org

import (
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// AdminRolesUnprotected flags: no SCP protects the organisation's privileged roles.
var AdminRolesUnprotected = &rules.Rule{
	ID:          "aws-org-admin-roles-unprotected",
	Title:       "No SCP protects the organisation's privileged roles",
	Severity:    rules.High,
	Description: "The roles the organisation uses to administer member accounts (for example OrganizationAccountAccessRole or roles under an org-admin path) can be changed or deleted by any administrator in the member account unless an SCP denies it. AWS recommends denying changes to them except by the roles themselves.",
	Remediation: rules.Remediation{
		Text: "Attach to the root an SCP denying iam:UpdateRole, iam:DeleteRole, iam:AttachRolePolicy, iam:PutRolePolicy (and similar) on the privileged roles, except when aws:PrincipalArn is one of them.",
		Terraform: `resource "aws_organizations_policy" "guardrails" {
  name = "guardrails"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "ProtectAdminRoles"
      Effect   = "Deny"
      Action   = ["iam:AttachRolePolicy", "iam:DeleteRole", "iam:DeleteRolePolicy", "iam:DetachRolePolicy", "iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:UpdateRole"]
      Resource = ["arn:aws:iam::*:role/org-admin/*"]
      Condition = { ArnNotLike = { "aws:PrincipalArn" = "arn:aws:iam::*:role/org-admin/*" } }
    }]
  })
}

resource "aws_organizations_policy_attachment" "root" {
  policy_id = aws_organizations_policy.guardrails.id
  target_id = aws_organizations_organization.this.roots[0].id
}`,
		CloudFormation: `Guardrails:
  Type: AWS::Organizations::Policy
  Properties:
    Name: guardrails
    Type: SERVICE_CONTROL_POLICY
    TargetIds: [!GetAtt Organization.RootId]
    Content:
      Version: "2012-10-17"
      Statement:
        - Sid: ProtectAdminRoles
          Effect: Deny
          Action: [iam:AttachRolePolicy, iam:DeleteRole, iam:DeleteRolePolicy, iam:DetachRolePolicy, iam:PutRolePolicy, iam:UpdateAssumeRolePolicy, iam:UpdateRole]
          Resource: ["arn:aws:iam::*:role/org-admin/*"]
          Condition:
            ArnNotLike:
              aws:PrincipalArn: arn:aws:iam::*:role/org-admin/*`,
	},
	References: []string{
		"https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples.html",
		"https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html#example-scp-restricts-iam-principals",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "PR.AA-05"},
		{Framework: rules.FrameworkISO, ID: "A.5.15"},
	},
	Tags:      []string{"organizations", "scp", "guardrail"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, o := range p.AWS.Organizations.Orgs {
			held, why := p.AWS.Organizations.Guardrail(o, func(pol *aws.OrgPolicy) graph.Tri {
				return pol.AnyStatement(func(st *aws.Statement) graph.Tri {
					roles := st.Resource.Any(func(r string) bool { return strings.Contains(r, ":role/") })
					return graph.All(st.IsDeny(), st.CoversAction("iam:DeleteRole"), st.CoversAction("iam:AttachRolePolicy"),
						st.CoversAction("iam:PutRolePolicy"), st.CoversAction("iam:UpdateRole"), roles)
				})
			})
			p.ReportIf(held.Not(), rules.Because(o.Resource, why), "no SCP attached to the root or every OU of organisation %s denies changing or deleting the privileged administration roles", o.Resource.Address)
		}
	},
}
