package org

import (
	"fmt"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// checkGuardrail reports every organisation the code manages that has no
// service control policy, attached to its root or to every OU and account
// under it, with a statement satisfying holds. what completes "no
// service control policy attached to the root or to every OU ..." in the
// message.
func checkGuardrail(p *rules.Pass, holds func(*aws.Policy) graph.Tri, what string) {
	for _, org := range p.AWS.Organizations.Orgs {
		held, why, _ := p.AWS.Organizations.Guardrail(org, holds)
		p.ReportIf(held.Not(), rules.Because(org.Resource, why),
			"organisation %s has no service control policy, attached to its root or to every OU, that %s", org.Resource.Address, what)
	}
}

// scps returns the policies that are, or may be, service control policies,
// in graph order.
func scps(m *aws.Model) []*aws.OrgPolicy {
	var out []*aws.OrgPolicy
	for _, pol := range m.Organizations.Policies {
		if pol.IsSCP() != graph.False {
			out = append(out, pol)
		}
	}
	return out
}

// scpGuidance is the reference list every SCP rule cites.
var scpGuidance = []string{
	"https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html",
	"https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples.html",
	"https://docs.aws.amazon.com/prescriptive-guidance/latest/security-reference-architecture/org-management.html",
}

// refs lists a rule's own references before the SCP guidance.
func refs(extra ...string) []string {
	return append(append([]string{}, extra...), scpGuidance...)
}

// plural counts n things in words ("1 action", "3 actions").
func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
