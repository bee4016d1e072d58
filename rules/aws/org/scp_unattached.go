package org

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/rules"
)

// SCPUnattached flags: service control policy is attached to nothing.
var SCPUnattached = &rules.Rule{
	ID:          "aws-org-scp-unattached",
	Title:       "Service control policy is attached to nothing",
	Severity:    rules.Low,
	Description: "An SCP that is attached to no root, OU or account restricts nothing. Code that defines a guardrail but never attaches it gives a false sense of protection.",
	Remediation: rules.Remediation{
		Text: "Attach the policy to the root or to the OUs it is meant to guard, or delete it.",
		Terraform: `resource "aws_organizations_policy" "guardrails" {
  name = "guardrails"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
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
        - Effect: Deny
          Action: organizations:LeaveOrganization
          Resource: "*"`,
	},
	References: []string{
		"https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_attach.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "GV.PO-01"},
		{Framework: rules.FrameworkISO, ID: "A.5.15"},
	},
	Tags:      []string{"organizations", "scp"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, pol := range p.AWS.Organizations.Policies {
			if len(pol.Targets) > 0 {
				continue
			}
			cond := pol.IsSCP()
			subject := rules.Subject(pol.Resource)
			if pol.TargetsUnknown != "" {
				cond = cond.And(graph.Unknown)
				subject = rules.Because(pol.Resource, pol.TargetsUnknown)
			}
			p.ReportIf(cond, subject, "SCP %s is not attached to any root, OU or account", pol.Resource.Address)
		}
	},
}
