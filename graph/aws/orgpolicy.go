package aws

import (
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
)

// OrgPolicy is an aws_organizations_policy or AWS::Organizations::Policy.
type OrgPolicy struct {
	Resource *graph.Resource
	// Type is SERVICE_CONTROL_POLICY (the Terraform default),
	// AISERVICES_OPT_OUT_POLICY, TAG_POLICY, BACKUP_POLICY, ...
	Type String
	// Content is the policy text or object.
	Content Field
	// Document is Content read as an IAM policy document (meaningful for
	// service control policies).
	Document *Policy
	// Attachments attach this policy for certain (its policy ID refers to
	// it, or it is the CloudFormation policy's own TargetIds).
	Attachments []*PolicyAttachment
	// MaybeAttachments may attach it: their policy ID cannot be resolved.
	MaybeAttachments []*PolicyAttachment
}

// IsSCP is True for a service control policy.
func (p *OrgPolicy) IsSCP() graph.Tri { return Equals(p.Type, "SERVICE_CONTROL_POLICY") }

// PolicyAttachment attaches a policy to a target.
type PolicyAttachment struct {
	// Resource is the aws_organizations_policy_attachment, or the
	// AWS::Organizations::Policy whose TargetIds hold the target.
	Resource *graph.Resource
	// Policy is the attached policy when it is in the code; PolicyID the
	// literal ID otherwise ("p-FullAWSAccess").
	Policy   *OrgPolicy
	PolicyID string
	Target   Target
	At       graph.Loc
	// Implicit is set for the FullAWSAccess policy AWS attaches itself
	// to the root, and to every OU and account it creates, once service
	// control policies are enabled; Resource is then the organisation,
	// OU or account, and enabled whether they are.
	Implicit bool
	enabled  graph.Tri
}

// Exists is whether the attachment is created.
func (a *PolicyAttachment) Exists() graph.Tri {
	if a.Implicit {
		return a.Resource.Exists.And(a.enabled)
	}
	return a.Resource.Exists
}

// fullAWSAccess is the ID of the AWS managed service control policy
// FullAWSAccess.
const fullAWSAccess = "p-FullAWSAccess"

// addImplicitFullAWSAccess records the FullAWSAccess attachments AWS makes
// itself in each organisation whose service control policies are, or may
// be, enabled: to the root, and to every OU and account the code manages
// under it (same unit, as Applies counts them), unless the code attaches
// FullAWSAccess to that target itself. They count toward the five service
// control policies a target may have.
func addImplicitFullAWSAccess(m *Model) {
	o := &m.Organizations
	for _, org := range o.Orgs {
		enabled := scpsEnabled(o, org).And(Equals(org.FeatureSet, "ALL"))
		if enabled == graph.False {
			continue
		}
		targets := []Target{{Kind: TargetRoot, Resource: org.Resource, At: org.Resource.Loc()}}
		for _, n := range append(append([]*OrgNode{}, o.Units...), o.Accounts...) {
			if n.Resource.Unit == org.Resource.Unit {
				targets = append(targets, Target{Kind: n.Kind, Resource: n.Resource, At: n.Resource.Loc()})
			}
		}
	next:
		for _, t := range targets {
			for _, a := range o.Attachments {
				if a.PolicyID == fullAWSAccess && a.Target.same(t) == graph.True {
					continue next
				}
			}
			o.Attachments = append(o.Attachments, &PolicyAttachment{Resource: t.Resource, PolicyID: fullAWSAccess,
				Target: t, At: t.At, Implicit: true, enabled: enabled})
		}
	}
}

// scpsEnabled says whether service control policies are enabled in org
// once the code is deployed: as its enabled_policy_types says when the
// code sets them; True when the code certainly attaches one, which can
// only be done once they are (so the deployment that succeeds has them);
// unknown otherwise (they may have been enabled outside the code).
func scpsEnabled(o *Organizations, org *Organization) graph.Tri {
	enabled := graph.Unknown
	if org.EnabledPolicyTypes.Set {
		enabled = org.EnabledPolicyTypes.Contains("SERVICE_CONTROL_POLICY")
	}
	if enabled != graph.Unknown {
		return enabled
	}
	for _, a := range o.Attachments {
		if a.Policy != nil && a.Resource.Unit == org.Resource.Unit && a.Policy.IsSCP().And(a.Exists()) == graph.True {
			return graph.True
		}
	}
	return graph.Unknown
}

var orgPolicyAdapters = adapters[*OrgPolicy]{
	{graph.Terraform, "aws_organizations_policy", func(_ *Model, r *graph.Resource) *OrgPolicy {
		a := Attrs(r)
		return orgPolicy(r, StringOf(a.Get("type"), Ptr("SERVICE_CONTROL_POLICY")), a.Get("content"))
	}},
	// A CloudFormation policy attaches itself to its TargetIds.
	{graph.CloudFormation, "AWS::Organizations::Policy", func(m *Model, r *graph.Resource) *OrgPolicy {
		a := Attrs(r)
		p := orgPolicy(r, StringOf(a.Get("Type"), nil), a.Get("Content"))
		ids := a.Get("TargetIds")
		if !ids.IsSet() {
			return p
		}
		blocks, ok := ids.Blocks()
		if !ok {
			if ids.Value.Kind() != graph.KindString {
				// The list itself is unknown: it may be empty or hold any
				// target.
				p.MaybeAttachments = append(p.MaybeAttachments, &PolicyAttachment{Resource: r, Policy: p, At: KeyLoc(ids),
					Target: Target{At: KeyLoc(ids), Why: "TargetIds of " + r.Address + " is not known: " + ids.Value.Why()}})
				return p
			}
			blocks = []Field{ids}
		}
		for _, b := range blocks {
			p.Attachments = append(p.Attachments, &PolicyAttachment{Resource: r, Policy: p, Target: targetOf(m, r, b), At: b.Loc()})
		}
		return p
	}},
}

func orgPolicy(r *graph.Resource, typ String, content Field) *OrgPolicy {
	return &OrgPolicy{Resource: r, Type: typ, Content: content, Document: PolicyOf(content)}
}

// policyAttachment is an attachment resource before it is joined to the
// policy it names.
type policyAttachment struct {
	attachment *PolicyAttachment
	policy     Field
}

var policyAttachmentAdapters = adapters[policyAttachment]{
	{graph.Terraform, "aws_organizations_policy_attachment", func(m *Model, r *graph.Resource) policyAttachment {
		a := Attrs(r)
		return policyAttachment{&PolicyAttachment{Resource: r, Target: targetOf(m, r, a.Get("target_id")), At: r.Loc()}, a.Get("policy_id")}
	}},
}

// buildOrgPolicies reads the organisation's policies and joins the
// attachments to them.
func buildOrgPolicies(m *Model) {
	o := &m.Organizations
	byResource := map[*graph.Resource]*OrgPolicy{}
	for _, p := range orgPolicyAdapters.all(m) {
		byResource[p.Resource] = p
		o.Policies = append(o.Policies, p)
		o.Attachments = append(o.Attachments, p.MaybeAttachments...)
		o.Attachments = append(o.Attachments, p.Attachments...)
	}
	for _, s := range policyAttachmentAdapters.all(m) {
		at, pf, r := s.attachment, s.policy, s.attachment.Resource
		o.Attachments = append(o.Attachments, at)
		if s, ok := pf.Value.AsString(); ok && pf.IsSet() {
			at.PolicyID = s
			continue
		}
		resolved, external := false, false
		for _, ref := range pf.Value.AllRefs() {
			if strings.HasPrefix(ref.Address, "data.") {
				external = true
				continue
			}
			if t := m.index.Resolve(r, ref); t != nil {
				if p := byResource[t]; p != nil {
					at.Policy = p
					p.Attachments = append(p.Attachments, at)
					resolved = true
					break
				}
			}
		}
		if resolved || external {
			continue
		}
		// The policy cannot be told: it may be any policy of the unit.
		for _, p := range o.Policies {
			if p.Resource.Unit == r.Unit {
				p.MaybeAttachments = append(p.MaybeAttachments, at)
			}
		}
	}
}

// AttachedTo says whether policy p is attached to target t, directly. An
// attachment whose target, policy or existence is unknown makes the answer
// unknown; why explains it.
func (p *OrgPolicy) AttachedTo(t Target) (graph.Tri, string) {
	result, why := graph.False, ""
	for _, a := range p.Attachments {
		hit := a.Exists().And(a.Target.same(t))
		if hit == graph.Unknown && why == "" {
			why = a.reason(p, false)
		}
		result = result.Or(hit)
	}
	for _, a := range p.MaybeAttachments {
		if a.Exists().And(a.Target.same(t)) != graph.False {
			result = result.Or(graph.Unknown)
			if why == "" {
				why = a.reason(p, true)
			}
		}
	}
	return result, why
}

func (a *PolicyAttachment) reason(p *OrgPolicy, maybe bool) string {
	switch {
	case maybe && a.Resource == p.Resource:
		return a.Target.Why
	case maybe:
		return "the policy " + a.Resource.Address + " attaches is not known, and it may be " + p.Resource.Address
	case a.Target.Kind == TargetUnknown:
		return "the target of " + a.Resource.Address + " is not known: " + a.Target.Why
	case a.Resource.Exists != graph.True:
		return ExistsWhy(a.Resource)
	}
	if a.Target.ID != "" {
		return "whether " + a.Target.ID + ", which " + a.Resource.Address + " attaches " + p.Resource.Address +
			" to, is one of the OUs or accounts managed here is not known"
	}
	return "whether " + a.Resource.Address + " attaches " + p.Resource.Address + " to it is not known"
}

// IsAttached says whether p is attached to anything.
func (p *OrgPolicy) IsAttached() (graph.Tri, string) {
	result, why := graph.False, ""
	for _, a := range p.Attachments {
		hit := a.Exists()
		if hit == graph.Unknown && why == "" {
			why = a.reason(p, false)
		}
		result = result.Or(hit)
	}
	for _, a := range p.MaybeAttachments {
		if a.Exists() != graph.False {
			result = result.Or(graph.Unknown)
			if why == "" {
				why = a.reason(p, true)
			}
		}
	}
	return result, why
}

// Applies says whether policy p applies to the whole of organisation org:
// it is attached to the root, or every OU and every member account the
// code manages under that root is covered by an attachment to itself or
// to an OU above it. An organisation without OUs or accounts in the code
// is covered only through its root.
func (o *Organizations) Applies(p *OrgPolicy, org *Organization) (graph.Tri, string) {
	c := o.newCoverage(p, org)
	if c.atRoot == graph.True {
		return c.atRoot, ""
	}
	if len(c.nodes) == 0 {
		why := c.why
		if why == "" {
			why = p.Resource.Address + " is not attached to the root of " + org.Resource.Address
		}
		return c.atRoot, why
	}
	all := graph.True
	var uncovered string
	for _, n := range c.nodes {
		cov := c.covered(n, 0)
		if cov == graph.False && uncovered == "" {
			uncovered = n.Resource.Address
		}
		all = all.And(cov)
	}
	result := c.atRoot.Or(all)
	why := c.why
	if result == graph.False {
		why = p.Resource.Address + " is attached neither to the root nor above " + uncovered
	}
	return result, why
}

// AppliesAt says whether policy p applies to node n of organisation org
// (nil for the root itself): it is attached to n, to an OU above it or to
// the root.
func (o *Organizations) AppliesAt(p *OrgPolicy, org *Organization, n *OrgNode) (graph.Tri, string) {
	c := o.newCoverage(p, org)
	if n == nil {
		return c.atRoot, c.why
	}
	t := c.covered(n, 0)
	if t == graph.False {
		return t, ""
	}
	return t, c.why
}

// Nodes returns the OUs and accounts of organisation org: those the code
// manages in the organisation's unit.
func (o *Organizations) Nodes(org *Organization) []*OrgNode {
	var nodes []*OrgNode
	for _, n := range append(append([]*OrgNode{}, o.Units...), o.Accounts...) {
		if n.Resource.Unit == org.Resource.Unit {
			nodes = append(nodes, n)
		}
	}
	return nodes
}

// coverage works out where one policy applies in one organisation.
type coverage struct {
	p      *OrgPolicy
	atRoot graph.Tri
	nodes  []*OrgNode
	byRes  map[*graph.Resource]*OrgNode
	memo   map[*OrgNode]graph.Tri
	// why explains the first unknown answer met.
	why string
}

func (o *Organizations) newCoverage(p *OrgPolicy, org *Organization) *coverage {
	c := &coverage{p: p, nodes: o.Nodes(org), byRes: map[*graph.Resource]*OrgNode{}, memo: map[*OrgNode]graph.Tri{}}
	c.atRoot, c.why = p.AttachedTo(Target{Kind: TargetRoot, Resource: org.Resource})
	for _, n := range c.nodes {
		c.byRes[n.Resource] = n
	}
	return c
}

// covered says whether the policy is attached to n or above it.
func (c *coverage) covered(n *OrgNode, depth int) graph.Tri {
	if t, ok := c.memo[n]; ok {
		return t
	}
	direct, w := c.p.AttachedTo(Target{Kind: n.Kind, Resource: n.Resource})
	if direct == graph.Unknown && c.why == "" {
		c.why = w
	}
	if n.Resource.Exists == graph.False {
		direct = graph.True
	}
	var above graph.Tri
	switch {
	case depth > 16:
		above = graph.Unknown
	case n.Parent.Kind == TargetRoot:
		above = c.atRoot
	case n.Parent.Kind == TargetOU && c.byRes[n.Parent.Resource] != nil:
		above = c.covered(c.byRes[n.Parent.Resource], depth+1)
	default:
		// A parent the code does not manage: what is attached above it
		// is not known.
		above, _ = c.p.AttachedTo(n.Parent)
		if above != graph.True {
			above = graph.Unknown
			if c.why == "" {
				c.why = "the parent of " + n.Resource.Address + " is not managed here or not known"
			}
		}
	}
	c.memo[n] = direct.Or(above)
	return c.memo[n]
}

// Guardrail says whether the organisation holds a guardrail: some service
// control policy that applies to the whole organisation (Applies) and
// satisfies holds. It returns the answer, the reason when it is unknown,
// and the policy that holds it when it is true.
func (o *Organizations) Guardrail(org *Organization, holds func(*Policy) graph.Tri) (graph.Tri, string, *OrgPolicy) {
	return o.guardrail(org, holds, func(p *OrgPolicy) (graph.Tri, string) { return o.Applies(p, org) })
}

// GuardrailAt says whether a guardrail holds at node n of organisation org
// (nil for the root): some service control policy attached to n, to an OU
// above it or to the root satisfies holds. It is Guardrail's judgement for
// one place in the organisation, for reports that draw it.
func (o *Organizations) GuardrailAt(org *Organization, n *OrgNode, holds func(*Policy) graph.Tri) (graph.Tri, string, *OrgPolicy) {
	return o.guardrail(org, holds, func(p *OrgPolicy) (graph.Tri, string) { return o.AppliesAt(p, org, n) })
}

// guardrail is Guardrail with where a policy applies given by applies.
func (o *Organizations) guardrail(org *Organization, holds func(*Policy) graph.Tri, applies func(*OrgPolicy) (graph.Tri, string)) (graph.Tri, string, *OrgPolicy) {
	result, why := graph.False, ""
	for _, p := range o.Policies {
		if !o.Concerns(org, p.Resource.Unit) && !o.attachedByLiteralRoot(p) {
			continue
		}
		scp := p.IsSCP()
		if scp == graph.False {
			continue
		}
		applied, w := applies(p)
		if applied == graph.False {
			continue
		}
		h := holds(p.Document).And(deployable(p.Document))
		t := graph.All(scp, applied, h, p.Resource.Exists)
		if t == graph.True {
			return t, "", p
		}
		if t == graph.Unknown && why == "" {
			switch {
			case scp == graph.Unknown:
				why = "the type of " + p.Resource.Address + " is not known: " + p.Type.UnknownReason()
			case h == graph.Unknown:
				why = "the content of " + p.Resource.Address + " is not known: " + documentUnknownReason(p.Document)
			case applied == graph.Unknown:
				why = w
			default:
				why = "whether " + p.Resource.Address + " is created is not known"
			}
		}
		result = result.Or(t)
	}
	if result == graph.False {
		if w := o.UnreadWhy(org, false, "a service control policy attached to its root"); w != "" {
			return graph.Unknown, w, nil
		}
	}
	return result, why, nil
}

// deployable is False for a service control policy AWS would reject
// because a statement names a principal: it never takes effect.
func deployable(doc *Policy) graph.Tri {
	for _, st := range doc.Statements {
		if st.Principal != nil || st.NotPrincipal != nil {
			return graph.False
		}
	}
	return graph.True
}

// attached to a root by a literal ID (one organisation has one root).
func (o *Organizations) attachedByLiteralRoot(p *OrgPolicy) bool {
	for _, a := range p.Attachments {
		if a.Target.Kind == TargetRoot && a.Target.Resource == nil {
			return true
		}
	}
	return false
}

// OptsOutOfAIServices is True when an AI services opt-out policy's content
// opts every service out by default: services.default.opt_out_policy
// assigns "optOut".
func (p *OrgPolicy) OptsOutOfAIServices() (graph.Tri, string) {
	v := p.Content.Value
	if !p.Content.IsSet() {
		return graph.False, ""
	}
	if !v.IsKnown() {
		return graph.Unknown, "the content of " + p.Resource.Address + " is not known: " + v.Why()
	}
	if s, ok := v.AsString(); ok && v.Kind() == graph.KindString {
		d, err := DecodeJSON(s, v.Range)
		if err != nil {
			return graph.False, ""
		}
		v = d
	}
	f := Field{Res: p.Resource, Path: p.Content.Path, Value: v, Present: true}
	assign := f.Get("services").Get("default").Get("opt_out_policy").Get("@@assign")
	if !assign.IsSet() {
		return graph.False, ""
	}
	if !assign.Value.IsKnown() {
		return graph.Unknown, "the opt-out setting of " + p.Resource.Address + " is not known: " + assign.Value.Why()
	}
	s, _ := assign.Value.AsString()
	return graph.TriOf(s == "optOut"), ""
}

// known.
func documentUnknownReason(doc *Policy) string {
	if !doc.Known || doc.Invalid != "" {
		return doc.UnknownReason()
	}
	for _, st := range doc.Statements {
		for _, why := range []string{st.Effect.Why, st.Action.Why, st.NotAction.Why, st.Resource.Why, st.NotResource.Why} {
			if why != "" {
				return why
			}
		}
		for _, c := range st.Conditions {
			if c.Values.Why != "" {
				return c.Values.Why
			}
		}
		if st.ConditionUnknown {
			return "the Condition of a statement is not known"
		}
	}
	return doc.UnknownReason()
}
