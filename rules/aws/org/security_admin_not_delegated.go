package org

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// SecurityAdminNotDelegated flags security services run for the
// organisation from the management account.
var SecurityAdminNotDelegated = &rules.Rule{
	ID:       "aws-org-security-admin-not-delegated",
	Title:    "GuardDuty, Security Hub or AWS Config is run for the organisation without a delegated administrator",
	Severity: rules.Medium,
	Description: "AWS guidance is to administer the organisation's security services from a dedicated security " +
		"tooling account registered as delegated administrator, not from the management account: security " +
		"engineers then need no access to the management account, and findings stay in an account built for them. " +
		"Enabling GuardDuty, Security Hub or AWS Config organisation-wide from the management account without " +
		"delegating them puts day-to-day security work where the keys to the whole organisation are.",
	Remediation: rules.Remediation{
		Text: "Register the security tooling account as delegated administrator of the service and configure it " +
			"for the organisation from there.",
		Terraform: `resource "aws_guardduty_organization_admin_account" "security" {
  admin_account_id = "222222222222"
}

resource "aws_securityhub_organization_admin_account" "security" {
  admin_account_id = "222222222222"
}

resource "aws_organizations_delegated_administrator" "config" {
  account_id        = "222222222222"
  service_principal = "config.amazonaws.com"
}`,
		CloudFormation: `SecurityHubAdmin:
  Type: AWS::SecurityHub::DelegatedAdmin
  Properties:
    AdminAccountId: "222222222222"`,
	},
	References: []string{
		"https://docs.aws.amazon.com/organizations/latest/userguide/orgs_integrate_delegated_admin.html",
		"https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_organizations.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/designate-orgs-admin-account.html",
		"https://docs.aws.amazon.com/config/latest/developerguide/set-up-aggregator-cli.html",
		"https://docs.aws.amazon.com/prescriptive-guidance/latest/security-reference-architecture/security-tooling.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "GV.RR-02"},
		{Framework: rules.FrameworkISO, ID: "A.5.3"},
	},
	Tags:      []string{"organizations", "guardduty", "securityhub", "config", "multi-account"},
	Precision: "high",
	Scope:     rules.OrganizationScope,
	Check: func(p *rules.Pass) {
		for _, s := range p.AWS.Organizations.OrgServices {
			d := p.AWS.Accounts.Of(s.Resource)
			delegated, why := p.AWS.Organizations.Delegated(s.Service, s.Resource.Unit)
			if d.Management != graph.True && why == "" {
				why = d.Reason
			}
			cond := d.Management.And(delegated.Not())
			if s.Maybe != "" {
				cond = cond.And(graph.Unknown)
				if why == "" {
					why = s.Maybe
				}
			}
			f := p.ReportIf(cond, rules.Because(s.At, why),
				"%s from the management account, but no account is registered as delegated administrator of %s",
				s.What, aws.ServiceName(s.Service))
			if f != nil && !d.Evidence.Range.IsZero() {
				f.Related = append(f.Related, rules.Related{Loc: d.Evidence, Message: "management account identified here"})
			}
		}
	},
}
