package org

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// LeaveOrganizationAllowed flags: no SCP stops accounts from leaving the organisation.
var LeaveOrganizationAllowed = &rules.Rule{
	ID:          "aws-org-leave-organization-allowed",
	Title:       "No SCP stops accounts from leaving the organisation",
	Severity:    rules.High,
	Description: "A member account that leaves the organisation leaves every guardrail, the organisation trail and central billing with it. AWS recommends an SCP that denies organizations:LeaveOrganization to everyone.",
	Remediation: rules.Remediation{
		Text: "Attach to the root an SCP that denies organizations:LeaveOrganization.",
		Terraform: `resource "aws_organizations_policy" "guardrails" {
  name = "guardrails"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "DenyLeaveOrganization"
      Effect   = "Deny"
      Action   = "organizations:LeaveOrganization"
      Resource = "*"
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
        - Sid: DenyLeaveOrganization
          Effect: Deny
          Action: organizations:LeaveOrganization
          Resource: "*"`,
	},
	References: []string{
		"https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples.html",
		"https://docs.aws.amazon.com/prescriptive-guidance/latest/security-reference-architecture/org-management.html",
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
				return pol.Denies("organizations:LeaveOrganization")
			})
			p.ReportIf(held.Not(), rules.Because(o.Resource, why), "no SCP attached to the root or every OU of organisation %s denies organizations:LeaveOrganization", o.Resource.Address)
		}
	},
}
