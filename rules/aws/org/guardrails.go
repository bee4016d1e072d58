package org

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// Guardrail is a protection the guardrail rules ask service control
// policies to give. It holds at a place in the organisation (the root, an
// OU, an account) when, for each of its parts, some service control policy
// attached there or above passes that part's test. The rules judge the
// whole organisation with the same tests (aws.Organizations.Guardrail);
// reports that draw the organisation judge each place with At.
type Guardrail struct {
	// Name names the guardrail in reports ("leave the organisation").
	Name string
	// Rule is the rule that asks for it.
	Rule *rules.Rule
	// Parts are the policy tests; one for most guardrails, one per
	// protected action for the security services.
	Parts []func(*aws.Policy) graph.Tri
}

// Guardrails returns the guardrails the rules ask for, in the order
// reports show them.
func Guardrails() []Guardrail {
	var services []func(*aws.Policy) graph.Tri
	for _, act := range securityServiceActions {
		services = append(services, denies(act))
	}
	return []Guardrail{
		{Name: "leave the organisation", Rule: LeaveOrganizationAllowed, Parts: []func(*aws.Policy) graph.Tri{deniesLeaving}},
		{Name: "root user", Rule: RootUserUnrestricted, Parts: []func(*aws.Policy) graph.Tri{deniesRootUser}},
		{Name: "regions", Rule: RegionUnrestricted, Parts: []func(*aws.Policy) graph.Tri{restrictsRegions}},
		{Name: "security services", Rule: SecurityServicesUnprotected, Parts: services},
		{Name: "admin roles", Rule: AdminRolesUnprotected, Parts: []func(*aws.Policy) graph.Tri{protectsAdminRoles}},
	}
}

// At says whether the guardrail holds at node n of organisation org (nil
// for the root), why when that is unknown, and the policies that hold it
// when it does.
func (g Guardrail) At(o *aws.Organizations, org *aws.Organization, n *aws.OrgNode) (graph.Tri, string, []*aws.OrgPolicy) {
	result, why := graph.True, ""
	var by []*aws.OrgPolicy
	for _, part := range g.Parts {
		t, w, p := o.GuardrailAt(org, n, part)
		if t == graph.Unknown && why == "" {
			why = w
		}
		if p != nil && !containsPolicy(by, p) {
			by = append(by, p)
		}
		result = result.And(t)
	}
	if result != graph.True {
		by = nil
	}
	return result, why, by
}

func containsPolicy(ps []*aws.OrgPolicy, p *aws.OrgPolicy) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}

// The policy tests of the guardrails: some statement of the policy gives
// the protection.
var (
	deniesLeaving = anyStatement(func(st *aws.Statement) graph.Tri {
		return st.DeniesAction("organizations:LeaveOrganization").And(st.ExemptsOnly())
	})
	deniesRootUser     = anyStatement((*aws.Statement).DeniesRootUser)
	restrictsRegions   = anyStatement((*aws.Statement).RestrictsRegion)
	protectsAdminRoles = anyStatement(func(st *aws.Statement) graph.Tri {
		return st.DeniesOnRoles(roleChangeActions...).And(st.ExemptsOnly())
	})
)

// anyStatement turns a statement test into a policy test.
func anyStatement(holds func(*aws.Statement) graph.Tri) func(*aws.Policy) graph.Tri {
	return func(doc *aws.Policy) graph.Tri { return doc.AnyStatement(holds) }
}
