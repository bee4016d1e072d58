package org

import (
	"github.com/blindspot-iac/blindspot/rules"
)

// LeaveOrganizationAllowed flags organisations whose member accounts may
// leave.
var LeaveOrganizationAllowed = &rules.Rule{
	ID:       "aws-org-leave-organization-allowed",
	Title:    "No service control policy stops member accounts from leaving the organisation",
	Severity: rules.High,
	Description: "An account that leaves the organisation escapes every service control policy, the organisation " +
		"trail, delegated security services and consolidated billing controls. An administrator of a member account " +
		"(or an intruder holding its credentials) can call organizations:LeaveOrganization unless an SCP denies it. " +
		"AWS lists denying it among the basic SCP guardrails.",
	Remediation: rules.Remediation{
		Text: "Attach to the root an SCP that denies organizations:LeaveOrganization.",
		Terraform: `resource "aws_organizations_policy" "deny_leave" {
  name = "deny-leave-organization"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Deny", Action = "organizations:LeaveOrganization", Resource = "*" }]
  })
}

resource "aws_organizations_policy_attachment" "deny_leave" {
  policy_id = aws_organizations_policy.deny_leave.id
  target_id = aws_organizations_organization.this.roots[0].id
}`,
		CloudFormation: `DenyLeave:
  Type: AWS::Organizations::Policy
  Properties:
    Name: deny-leave-organization
    Type: SERVICE_CONTROL_POLICY
    TargetIds: [!GetAtt Organization.RootId]
    Content:
      Version: "2012-10-17"
      Statement:
        - Effect: Deny
          Action: organizations:LeaveOrganization
          Resource: "*"`,
	},
	References: refs(
		"https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html#example-scp-leave-org",
		"https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_accounts_remove.html",
	),
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "PR.AA-05"},
		{Framework: rules.FrameworkISO, ID: "A.5.15"},
	},
	Tags:      []string{"organizations", "scp", "guardrail"},
	Precision: "high",
	Scope:     rules.OrganizationScope,
	Check: func(p *rules.Pass) {
		checkGuardrail(p, deniesLeaving, "denies organizations:LeaveOrganization")
	},
}
