package org

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/rules"
)

// SecurityAdminNotDelegated flags: security service run for the organisation without a delegated administrator.
var SecurityAdminNotDelegated = &rules.Rule{
	ID:          "aws-org-security-admin-not-delegated",
	Title:       "Security service run for the organisation without a delegated administrator",
	Severity:    rules.Medium,
	Description: "When GuardDuty, Security Hub or AWS Config is enabled for the whole organisation, AWS recommends delegating its administration to a dedicated security account, so that the security team works outside the management account, which should hold nothing but governance.",
	Remediation: rules.Remediation{
		Text: "Register the security tooling account as delegated administrator of each organisation-wide security service.",
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
		"https://docs.aws.amazon.com/prescriptive-guidance/latest/security-reference-architecture/org-management.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "GV.RR-02"},
		{Framework: rules.FrameworkISO, ID: "A.5.3"},
	},
	Tags:      []string{"organizations", "detection"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, o := range p.AWS.Organizations.Orgs {
			for _, svc := range delegatedServices {
				enabled := o.ServicePrincipals.Test(func(ps []string) bool {
					for _, p := range ps {
						for _, want := range svc.principals {
							if p == want {
								return true
							}
						}
					}
					return false
				})
				if svc.cfnType != "" {
					for _, r := range p.AWS.Index().OfType(svc.cfnType) {
						if p.AWS.Organizations.SameOrganization(o, r) {
							enabled = enabled.Or(r.Exists)
						}
					}
				}
				delegated := graph.False
				for _, d := range p.AWS.Organizations.DelegatedAdmins[svc.principals[0]] {
					if p.AWS.Organizations.SameOrganization(o, d) {
						delegated = graph.True
					}
				}
				p.ReportIf(enabled.And(delegated.Not()), o.ServicePrincipals, "%s is enabled for organisation %s without a delegated administrator account", svc.name, o.Resource.Address)
			}
		}
	},
}
