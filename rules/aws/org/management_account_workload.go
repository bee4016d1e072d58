package org

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// ManagementAccountWorkload flags workloads deployed into the organisation's
// management account.
var ManagementAccountWorkload = &rules.Rule{
	ID:       "aws-org-management-account-workload",
	Title:    "Workload deployed in the AWS Organizations management account",
	Severity: rules.High,
	Description: "The management account can change every account of the organisation and is not restricted by " +
		"service control policies. AWS guidance is to use it only for tasks that require it (Organizations, " +
		"billing, IAM Identity Center, organisation-wide trails) and to run workloads in member accounts, so that " +
		"a compromised application cannot reach the organisation's controls and SCP guardrails apply to it.",
	Remediation: rules.Remediation{
		Text: "Deploy the workload into a member account: in Terraform through a provider alias that assumes a role in " +
			"that account, in CloudFormation through a stack (or StackSet) deployed to it.",
		Terraform: `provider "aws" {
  alias = "workload"
  assume_role {
    role_arn = "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole"
  }
}

resource "aws_instance" "app" {
  provider = aws.workload
  # ...
}`,
		CloudFormation: `# Deploy this template to a workload account, for example with a StackSet
# targeting the workloads OU, instead of the management account.`,
	},
	References: []string{
		"https://docs.aws.amazon.com/organizations/latest/userguide/orgs_best-practices_mgmt-acct.html",
		"https://docs.aws.amazon.com/whitepapers/latest/organizing-your-aws-environment/design-principles-for-your-multi-account-strategy.html",
		"https://docs.aws.amazon.com/prescriptive-guidance/latest/security-reference-architecture/management-account.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "PR.AA-05"},
		{Framework: rules.FrameworkISO, ID: "A.8.31"},
	},
	Tags:      []string{"organizations", "multi-account", "governance"},
	Precision: "high",
	Scope:     rules.OrganizationScope,
	Check: func(p *rules.Pass) {
		for _, r := range p.Graph.Resources {
			cat := aws.WorkloadCategory(r.Type)
			if cat == "" {
				continue
			}
			d := p.AWS.Accounts.Of(r)
			f := p.ReportIf(d.Management, rules.Because(r, d.Reason),
				"%s (%s, %s) is deployed in the management account: %s", r.Address, r.Type, cat, d.Reason)
			if f != nil && !d.Evidence.Range.IsZero() {
				f.Related = append(f.Related, rules.Related{Loc: d.Evidence, Message: "management account identified here"})
			}
		}
	},
}
