package aws

import (
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
)

// Organizations is the organisation the code manages: the organisation
// itself, its OUs, its policies with their attachments, delegated
// administrators and organisation-wide service settings.
type Organizations struct {
	// Orgs are aws_organizations_organization / AWS::Organizations::Organization
	// resources: the code manages the organisation.
	Orgs []*Organization
	// OUs are the organisational units created in the code.
	OUs []*graph.Resource
	// Policies are the organisation policies of every type.
	Policies []*OrgPolicy
	// DelegatedAdmins maps a service principal (guardduty.amazonaws.com,
	// securityhub.amazonaws.com, config.amazonaws.com) to the resources
	// that delegate its administration.
	DelegatedAdmins map[string][]*graph.Resource
}

// Organization is the organisation resource.
type Organization struct {
	Resource *graph.Resource
	// ServicePrincipals are the services with trusted access
	// (aws_service_access_principals); unknown when not known.
	ServicePrincipals Attr[[]string]
}

// OrgPolicy is an organisation policy (SCP, AI services opt-out, ...).
type OrgPolicy struct {
	Resource *graph.Resource
	// Type is SERVICE_CONTROL_POLICY (the default), AISERVICES_OPT_OUT_POLICY, ...
	Type String
	// Document is the parsed content of an SCP.
	Document *Policy
	// Content is the raw content field.
	Content Field
	// Targets are where the policy is attached.
	Targets []*PolicyTarget
	// TargetsUnknown is set when an attachment whose policy cannot be
	// determined may attach this policy.
	TargetsUnknown string
}

// IsSCP is True for service control policies.
func (p *OrgPolicy) IsSCP() graph.Tri {
	return p.Type.Test(func(t string) bool { return t == "SERVICE_CONTROL_POLICY" })
}

// Target kinds.
const (
	TargetRoot    = "root"
	TargetOU      = "ou"
	TargetAccount = "account"
	TargetUnknown = "unknown"
)

// PolicyTarget is one attachment of a policy.
type PolicyTarget struct {
	At graph.Loc
	// Kind is TargetRoot, TargetOU, TargetAccount or TargetUnknown.
	Kind string
	// Key identifies the target for counting policies per target: the
	// resource address it refers to, or the literal ID.
	Key string
	// Resource is the OU or account resource, when the code creates it.
	Resource *graph.Resource
}

func buildOrganizations(m *Model) {
	o := &m.Organizations
	o.DelegatedAdmins = map[string][]*graph.Resource{}
	for _, r := range m.index.OfType("aws_organizations_organization", "AWS::Organizations::Organization") {
		org := &Organization{Resource: r}
		if r.Format == graph.CloudFormation {
			org.ServicePrincipals = Default([]string{}, r.Loc())
		} else {
			org.ServicePrincipals = StringsOf(Attrs(r).Get("aws_service_access_principals"))
		}
		o.Orgs = append(o.Orgs, org)
	}
	o.OUs = m.index.OfType("aws_organizations_organizational_unit", "AWS::Organizations::OrganizationalUnit")

	byResource := map[*graph.Resource]*OrgPolicy{}
	for _, r := range m.index.OfType("aws_organizations_policy", "AWS::Organizations::Policy") {
		a := Attrs(r)
		p := &OrgPolicy{Resource: r}
		if r.Format == graph.CloudFormation {
			p.Type = StringOf(a.Get("Type"), nil)
			p.Content = a.Get("Content")
			for _, t := range blocksOf(a.Get("TargetIds")) {
				p.Targets = append(p.Targets, m.policyTarget(r, t))
			}
		} else {
			p.Type = StringOf(a.Get("type"), Ptr("SERVICE_CONTROL_POLICY"))
			p.Content = a.Get("content")
		}
		if p.IsSCP() != graph.False {
			p.Document = PolicyOf(p.Content)
		}
		byResource[r] = p
		o.Policies = append(o.Policies, p)
	}
	for _, r := range m.index.OfType("aws_organizations_policy_attachment") {
		a := Attrs(r)
		pols := m.index.Referenced(r, a.Get("policy_id").Value, "aws_organizations_policy")
		target := m.policyTarget(r, a.Get("target_id"))
		if len(pols) == 0 {
			if a.Get("policy_id").Value.IsKnown() {
				continue // a policy this code does not create
			}
			for _, p := range o.Policies {
				if p.Resource.Unit == r.Unit && p.TargetsUnknown == "" {
					p.TargetsUnknown = "the policy attached by " + r.Address + " is not known: " + a.Get("policy_id").Value.Why()
				}
			}
			continue
		}
		for _, pr := range pols {
			byResource[pr].Targets = append(byResource[pr].Targets, target)
		}
	}

	delegations := []struct{ typ, principal, field string }{
		{"aws_guardduty_organization_admin_account", "guardduty.amazonaws.com", ""},
		{"aws_securityhub_organization_admin_account", "securityhub.amazonaws.com", ""},
		{"AWS::SecurityHub::DelegatedAdmin", "securityhub.amazonaws.com", ""},
		{"aws_organizations_delegated_administrator", "", "service_principal"},
	}
	for _, d := range delegations {
		for _, r := range m.index.OfType(d.typ) {
			principal := d.principal
			if d.field != "" {
				principal, _ = Attrs(r).Get(d.field).Value.AsString()
			}
			o.DelegatedAdmins[normalizePrincipal(principal)] = append(o.DelegatedAdmins[normalizePrincipal(principal)], r)
		}
	}
}

// normalizePrincipal maps the service principals that delegate the same
// service to one name.
func normalizePrincipal(p string) string {
	switch p {
	case "config-multiaccountsetup.amazonaws.com":
		return "config.amazonaws.com"
	}
	return p
}

// policyTarget classifies an attachment target: the organisation root
// (roots[0].id, RootId, a literal r-...), an OU, or an account.
func (m *Model) policyTarget(from *graph.Resource, f Field) *PolicyTarget {
	t := &PolicyTarget{At: f.Loc(), Kind: TargetUnknown}
	v := f.Value
	for _, ref := range v.AllRefs() {
		target := m.index.Resolve(from, ref)
		if target == nil {
			continue
		}
		t.Key = target.Unit + "\x00" + target.Address
		t.Resource = target
		switch {
		case target.Type == "aws_organizations_organization" || target.Type == "AWS::Organizations::Organization":
			t.Kind = TargetRoot
			t.Key += ".root"
		case target.Type == "aws_organizations_organizational_unit" || target.Type == "AWS::Organizations::OrganizationalUnit":
			t.Kind = TargetOU
		case target.Type == "aws_organizations_account" || target.Type == "AWS::Organizations::Account":
			t.Kind = TargetAccount
		}
		return t
	}
	if s, ok := v.AsString(); ok {
		t.Key = s
		switch {
		case strings.HasPrefix(s, "r-"):
			t.Kind = TargetRoot
		case strings.HasPrefix(s, "ou-"):
			t.Kind = TargetOU
		case len(s) == 12 && strings.Trim(s, "0123456789") == "":
			t.Kind = TargetAccount
		}
	}
	return t
}

// Guardrail says whether the organisation's SCPs hold a guardrail: True
// when one SCP that holds it is attached to the root, or to every OU the
// code creates; Unknown when an SCP's content or attachments are not known.
// holds tests one SCP. The second result explains an Unknown answer.
func (o *Organizations) Guardrail(org *Organization, holds func(*OrgPolicy) graph.Tri) (graph.Tri, string) {
	result := graph.False
	why := ""
	for _, p := range o.Policies {
		if p.IsSCP() == graph.False || !o.SameOrganization(org, p.Resource) {
			continue
		}
		h := holds(p)
		if h == graph.False {
			continue
		}
		applies := o.AppliesEverywhere(p)
		t := h.And(applies)
		if t == graph.Unknown && why == "" {
			switch {
			case h == graph.Unknown:
				why = "the content of SCP " + p.Resource.Address + " is not known"
				if p.Document != nil && p.Document.Why != "" {
					why += ": " + p.Document.Why
				}
			default:
				why = "where SCP " + p.Resource.Address + " is attached is not known"
				if p.TargetsUnknown != "" {
					why = p.TargetsUnknown
				}
			}
		}
		result = result.Or(t)
	}
	return result, why
}

// SameOrganization reports whether r belongs to org: with one
// organisation in the scan, everything does (its policies and trails may
// be managed from other roots or stacks); with several, only what is in
// the same unit.
func (o *Organizations) SameOrganization(org *Organization, r *graph.Resource) bool {
	return len(o.Orgs) <= 1 || r.Unit == org.Resource.Unit
}

// AppliesEverywhere is True when the policy is attached to the root or to
// every OU the code creates.
func (o *Organizations) AppliesEverywhere(p *OrgPolicy) graph.Tri {
	unknown := p.TargetsUnknown != ""
	ous := map[*graph.Resource]bool{}
	for _, t := range p.Targets {
		switch t.Kind {
		case TargetRoot:
			return graph.True
		case TargetOU:
			if t.Resource != nil {
				ous[t.Resource] = true
			}
		case TargetUnknown:
			unknown = true
		}
	}
	if len(o.OUs) > 0 {
		all := true
		for _, ou := range o.OUs {
			all = all && (ous[ou] || ou.Unit != p.Resource.Unit && len(o.Orgs) > 1)
		}
		if all {
			return graph.True
		}
	}
	if unknown {
		return graph.Unknown
	}
	return graph.False
}

// Denies is True when the SCP has a Deny statement covering action.
func (p *OrgPolicy) Denies(action string) graph.Tri {
	return p.AnyStatement(func(st *Statement) graph.Tri {
		return st.IsDeny().And(st.CoversAction(action))
	})
}

// AnyStatement applies test to the SCP's statements: Unknown when the
// document is not known.
func (p *OrgPolicy) AnyStatement(test func(*Statement) graph.Tri) graph.Tri {
	if p.Document == nil {
		return graph.Unknown
	}
	return p.Document.AnyStatement(test)
}
