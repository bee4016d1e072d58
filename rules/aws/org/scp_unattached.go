package org

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// SCPUnattached flags service control policies attached to nothing.
var SCPUnattached = &rules.Rule{
	ID:       "aws-org-scp-unattached",
	Title:    "Service control policy attached to no root, OU or account",
	Severity: rules.Low,
	Description: "A service control policy restricts nothing until it is attached to the root, an OU or an account. " +
		"An unattached SCP usually means a guardrail someone believes is in force is not: the attachment was " +
		"forgotten, removed, or points at a policy of the same name managed elsewhere.",
	Remediation: rules.Remediation{
		Text: "Attach the policy to the organisation's root (or to every OU it is meant for), or delete it.",
		Terraform: `resource "aws_organizations_policy_attachment" "deny_leave_root" {
  policy_id = aws_organizations_policy.deny_leave.id
  target_id = aws_organizations_organization.this.roots[0].id
}`,
		CloudFormation: `DenyLeave:
  Type: AWS::Organizations::Policy
  Properties:
    Name: deny-leave-organization
    Type: SERVICE_CONTROL_POLICY
    TargetIds:
      - !GetAtt Organization.RootId
    Content: ...`,
	},
	References: refs("https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_attach.html"),
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "GV.PO-01"},
		{Framework: rules.FrameworkISO, ID: "A.5.15"},
	},
	Tags:      []string{"organizations", "scp"},
	Precision: "high",
	Scope:     rules.OrganizationScope,
	Check: func(p *rules.Pass) {
		for _, pol := range scps(p.AWS) {
			attached, why := pol.IsAttached()
			if attached == graph.False {
				if w := p.AWS.UnreadReceivingWhy(pol.Resource, aws.String{}, "an attachment of it"); w != "" {
					attached, why = graph.Unknown, w
				}
			}
			p.ReportIf(pol.IsSCP().And(attached.Not()), rules.Because(pol.Resource, why),
				"service control policy %s is not attached to any root, OU or account, so it restricts nothing", pol.Resource.Address)
		}
	},
}
