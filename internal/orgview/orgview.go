// Package orgview builds the organisation view reports draw
// (report.Organization) from the organisation model the organisation rules
// run on: the tree of OUs and accounts, the policies attached where, which
// guardrails hold at each place, the management account's workloads, the
// organisation trail and the delegated administrators. Guardrails are
// judged with the rules' own tests (rules/aws/org.Guardrails), place by
// place, so the picture and the findings cannot disagree.
package orgview

import (
	"sort"
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/internal/report"
	"github.com/blindspot-iac/blindspot/rules/aws/org"
)

// Build returns the view of the organisations in m, or nil when the code
// manages none and deploys no workload to a management account.
func Build(m *aws.Model) *report.Organization {
	if m == nil {
		return nil
	}
	guardrails := org.Guardrails()
	view := &report.Organization{ManagementAccounts: append([]string(nil), m.Accounts.ManagementIDs...)}
	for _, g := range guardrails {
		view.Guardrails = append(view.Guardrails, report.GuardrailColumn{Name: g.Name, RuleID: g.Rule.ID})
	}
	o := &m.Organizations
	for _, o1 := range o.Orgs {
		view.Orgs = append(view.Orgs, buildOrg(m, o1, guardrails))
	}
	for _, r := range m.Graph.Resources {
		cat := aws.WorkloadCategory(r.Type)
		if cat == "" {
			continue
		}
		d := m.Accounts.Of(r)
		if d.Management == graph.False {
			continue
		}
		note := string(cat)
		if d.Management == graph.Unknown {
			note += "; maybe: " + d.Reason
		}
		view.ManagementWorkloads = append(view.ManagementWorkloads, resource(r, note))
	}
	if len(view.Orgs) == 0 && len(view.ManagementWorkloads) == 0 {
		return nil
	}
	return view
}

func resource(r *graph.Resource, note string) report.OrgResource {
	return report.OrgResource{Address: r.Address, Type: r.Type, Range: r.NameRange, Note: note}
}

// buildOrg draws one organisation.
func buildOrg(m *aws.Model, o1 *aws.Organization, guardrails []org.Guardrail) report.Org {
	o := &m.Organizations
	out := report.Org{Resource: resource(o1.Resource, "")}
	if fs, ok := o1.FeatureSet.Get(); ok {
		out.FeatureSet = fs
	}
	cells := func(n *aws.OrgNode) []report.Cell {
		var cs []report.Cell
		for _, g := range guardrails {
			t, why, by := g.At(o, o1, n)
			cs = append(cs, report.CellOf(t, why, policyNames(by)))
		}
		return cs
	}
	for _, g := range guardrails {
		held, why := graph.True, ""
		var by []string
		for _, part := range g.Parts {
			t, w, p := o.Guardrail(o1, part)
			if t == graph.Unknown && why == "" {
				why = w
			}
			if p != nil {
				by = appendUnique(by, policyName(p))
			}
			held = held.And(t)
		}
		out.Held = append(out.Held, report.CellOf(held, why, by))
	}

	// Policies of this organisation and where they are attached.
	nodes := o.Nodes(o1)
	nameOf := map[*graph.Resource]string{o1.Resource: "Root"}
	for _, n := range nodes {
		nameOf[n.Resource] = nodeName(n)
	}
	attached := map[*graph.Resource][]string{}
	for _, p := range o.Policies {
		if !o.Concerns(o1, p.Resource.Unit) {
			continue
		}
		kind := "unknown"
		if t, ok := p.Type.Get(); ok {
			kind = t
		}
		if kind != "SERVICE_CONTROL_POLICY" && kind != "AISERVICES_OPT_OUT_POLICY" && kind != "unknown" {
			continue
		}
		pv := report.OrgPolicy{Resource: resource(p.Resource, ""), Name: policyName(p), Type: kind}
		add := func(a *aws.PolicyAttachment, maybe bool) {
			target := targetName(a.Target, o1, nameOf)
			if maybe {
				target += " (maybe)"
			}
			pv.AttachedTo = appendUnique(pv.AttachedTo, target)
			if a.Target.Kind == aws.TargetRoot && (a.Target.Resource == nil || a.Target.Resource == o1.Resource) {
				attached[o1.Resource] = appendUnique(attached[o1.Resource], pv.Name+suffix(maybe))
			} else if a.Target.Resource != nil {
				attached[a.Target.Resource] = appendUnique(attached[a.Target.Resource], pv.Name+suffix(maybe))
			}
		}
		for _, a := range p.Attachments {
			if a.Exists() != graph.False {
				add(a, a.Exists() == graph.Unknown)
			}
		}
		for _, a := range p.MaybeAttachments {
			if a.Exists() != graph.False {
				add(a, true)
			}
		}
		out.Policies = append(out.Policies, pv)
	}

	// The tree.
	byParent := map[*graph.Resource][]*aws.OrgNode{}
	inOrg := map[*graph.Resource]bool{}
	for _, n := range nodes {
		inOrg[n.Resource] = true
	}
	var unplaced []*aws.OrgNode
	for _, n := range nodes {
		switch {
		case n.Parent.Kind == aws.TargetRoot:
			byParent[o1.Resource] = append(byParent[o1.Resource], n)
		case n.Parent.Kind == aws.TargetOU && inOrg[n.Parent.Resource]:
			byParent[n.Parent.Resource] = append(byParent[n.Parent.Resource], n)
		default:
			unplaced = append(unplaced, n)
		}
	}
	seen := map[*aws.OrgNode]bool{}
	var draw func(n *aws.OrgNode, depth int) report.OrgNode
	draw = func(n *aws.OrgNode, depth int) report.OrgNode {
		seen[n] = true
		v := report.OrgNode{Kind: "ou", Name: nodeName(n), Resource: resource(n.Resource, ""), Policies: attached[n.Resource], Guardrails: cells(n)}
		if isAccount(n) {
			v.Kind = "account"
			v.Detail = attrString(n.Resource, "email", "Email")
		}
		if n.Resource.Exists != graph.True {
			v.Resource.Note = "may not be created: " + n.Resource.ExistsWhy
		}
		for _, c := range sortedNodes(byParent[n.Resource]) {
			if !seen[c] && depth < 32 {
				v.Children = append(v.Children, draw(c, depth+1))
			}
		}
		return v
	}
	out.Root = report.OrgNode{Kind: "root", Name: "Root", Resource: resource(o1.Resource, ""), Policies: attached[o1.Resource], Guardrails: cells(nil)}
	for _, c := range sortedNodes(byParent[o1.Resource]) {
		out.Root.Children = append(out.Root.Children, draw(c, 1))
	}
	for _, n := range sortedNodes(unplaced) {
		if !seen[n] {
			v := draw(n, 1)
			v.Detail = strings.TrimSpace(v.Detail + " (parent not known: " + n.Parent.Why + ")")
			out.Unplaced = append(out.Unplaced, v)
		}
	}
	// Nodes in a cycle of parents are reached from nowhere.
	for _, n := range nodes {
		if !seen[n] {
			out.Unplaced = append(out.Unplaced, draw(n, 1))
		}
	}

	for _, t := range m.CloudTrail.Trails {
		if !o.Concerns(o1, t.Resource.Unit) {
			continue
		}
		is := aws.IsTrue(t.Organization).And(t.Resource.Exists)
		why := t.Organization.UnknownReason()
		if t.Organization.IsKnown() {
			why = t.Resource.ExistsWhy
		}
		out.Trails = append(out.Trails, report.OrgTrail{Resource: resource(t.Resource, ""), Organization: report.CellOf(is, why, nil)})
	}
	for _, d := range o.DelegatedAdmins {
		if !o.Concerns(o1, d.Resource.Unit) {
			continue
		}
		svc := "not known"
		if s, ok := d.Service.Get(); ok {
			svc = aws.ServiceName(s)
		}
		account := attrString(d.Resource, "account_id", "admin_account_id", "AdminAccountId")
		if account == "" {
			account = attrRef(d.Resource, "account_id", "admin_account_id", "AdminAccountId")
		}
		out.DelegatedAdmins = append(out.DelegatedAdmins, report.OrgDelegation{Resource: resource(d.Resource, ""), Service: svc, Account: account})
	}
	for _, s := range o.OrgServices {
		if o.Concerns(o1, s.Resource.Unit) {
			out.Services = append(out.Services, report.OrgResource{Address: s.Resource.Address, Type: s.Resource.Type, Range: s.At.Range, Note: s.What})
		}
	}
	return out
}

func suffix(maybe bool) string {
	if maybe {
		return " (maybe)"
	}
	return ""
}

// targetName names where an attachment points.
func targetName(t aws.Target, o1 *aws.Organization, nameOf map[*graph.Resource]string) string {
	switch {
	case t.Kind == aws.TargetRoot:
		return "Root"
	case t.Resource != nil && nameOf[t.Resource] != "":
		return nameOf[t.Resource]
	case t.Resource != nil:
		return t.Resource.Address
	case t.ID != "":
		return t.ID
	}
	return "unknown target"
}

func isAccount(n *aws.OrgNode) bool {
	return n.Resource.Type == "aws_organizations_account" || n.Resource.Type == "AWS::Organizations::Account"
}

// nodeName is an OU's or account's name, or its address.
func nodeName(n *aws.OrgNode) string {
	if s := attrString(n.Resource, "name", "Name", "AccountName"); s != "" {
		return s
	}
	return n.Resource.Address
}

// policyName is a policy's name, or its address.
func policyName(p *aws.OrgPolicy) string {
	if s := attrString(p.Resource, "name", "Name"); s != "" {
		return s
	}
	return p.Resource.Address
}

func policyNames(ps []*aws.OrgPolicy) []string {
	var out []string
	for _, p := range ps {
		out = appendUnique(out, policyName(p))
	}
	return out
}

// attrString is the first of the attributes that is a known string.
func attrString(r *graph.Resource, names ...string) string {
	for _, name := range names {
		if v, ok := r.Attr(name); ok {
			if s, ok := v.AsString(); ok && v.IsKnown() && !v.Sensitive() {
				return s
			}
		}
	}
	return ""
}

// attrRef names what the first set attribute refers to, when its value
// is known only after apply (an account's ID read from the account).
func attrRef(r *graph.Resource, names ...string) string {
	for _, name := range names {
		if v, ok := r.Attr(name); ok {
			if refs := v.AllRefs(); len(refs) > 0 {
				return refs[0].Address
			}
		}
	}
	return ""
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// sortedNodes orders OUs before accounts, then by name.
func sortedNodes(ns []*aws.OrgNode) []*aws.OrgNode {
	out := append([]*aws.OrgNode(nil), ns...)
	sort.SliceStable(out, func(i, j int) bool {
		if isAccount(out[i]) != isAccount(out[j]) {
			return !isAccount(out[i])
		}
		return nodeName(out[i]) < nodeName(out[j])
	})
	return out
}
