package org

import (
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// RootUserUnrestricted flags: no SCP restricts the root user of member accounts.
var RootUserUnrestricted = &rules.Rule{
	ID:          "aws-org-root-user-unrestricted",
	Title:       "No SCP restricts the root user of member accounts",
	Severity:    rules.High,
	Description: "The root user of a member account bypasses IAM policies. AWS recommends an SCP that denies actions to the root user (aws:PrincipalArn like arn:aws:iam::*:root), so that a stolen root credential cannot be used.",
	Remediation: rules.Remediation{
		Text: "Attach to the root an SCP denying every action when aws:PrincipalArn is like arn:aws:iam::*:root.",
		Terraform: `resource "aws_organizations_policy" "guardrails" {
  name = "guardrails"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyRootUser"
      Effect    = "Deny"
      Action    = "*"
      Resource  = "*"
      Condition = { ArnLike = { "aws:PrincipalArn" = "arn:aws:iam::*:root" } }
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
        - Sid: DenyRootUser
          Effect: Deny
          Action: "*"
          Resource: "*"
          Condition:
            ArnLike:
              aws:PrincipalArn: arn:aws:iam::*:root`,
	},
	References: []string{
		"https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples.html",
		"https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html",
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
					root := graph.False
					for _, c := range st.ConditionsOn("aws:PrincipalArn") {
						root = root.Or(c.Values.Any(func(v string) bool { return strings.HasSuffix(v, ":root") }))
					}
					return st.IsDeny().And(root)
				})
			})
			p.ReportIf(held.Not(), rules.Because(o.Resource, why), "no SCP attached to the root or every OU of organisation %s denies actions by the root user of member accounts", o.Resource.Address)
		}
	},
}
