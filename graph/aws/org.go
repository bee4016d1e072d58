package aws

import (
	"regexp"
	"sort"
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
)

// Organizations is the AWS Organizations setup the scanned code manages:
// the organisation, its OUs and accounts, its policies with their
// attachments, delegated administrators, and the resources that run a
// security service for the whole organisation.
type Organizations struct {
	Orgs     []*Organization
	Units    []*OrgNode
	Accounts []*OrgNode
	Policies []*OrgPolicy
	// Attachments are every policy attachment: aws_organizations_policy_attachment
	// resources and the TargetIds of AWS::Organizations::Policy.
	Attachments []*PolicyAttachment
	// DelegatedAdmins register member accounts as administrators of an
	// organisation service.
	DelegatedAdmins []*DelegatedAdmin
	// OrgServices are what turns on GuardDuty, Security Hub or AWS Config
	// for the organisation.
	OrgServices []*OrgService
}

// Organization is an aws_organizations_organization or
// AWS::Organizations::Organization.
type Organization struct {
	Resource *graph.Resource
	// FeatureSet is ALL (the default) or CONSOLIDATED_BILLING, under which
	// policies cannot be used.
	FeatureSet String
	// ServiceAccessPrincipals are the services given trusted access
	// (Terraform only).
	ServiceAccessPrincipals StringSet
	// EnabledPolicyTypes are the policy types enabled on the root
	// (Terraform only).
	EnabledPolicyTypes StringSet
}

// OrgNode is an organisational unit or a member account.
type OrgNode struct {
	Resource *graph.Resource
	// Parent is where it sits: the root (also when no parent is given,
	// for accounts), an OU, or unknown.
	Parent Target
}

// TargetKind says what a policy target or parent is.
type TargetKind uint8

// Kinds of policy target.
const (
	TargetUnknown TargetKind = iota
	TargetRoot
	TargetOU
	TargetAccount
)

// String names the kind.
func (k TargetKind) String() string {
	switch k {
	case TargetRoot:
		return "root"
	case TargetOU:
		return "organizational unit"
	case TargetAccount:
		return "account"
	}
	return "unknown target"
}

// Target is a root, OU or account a policy is attached to (or an OU or
// account sits in).
type Target struct {
	Kind TargetKind
	// Resource is the OU or account resource when the target is one the
	// code manages, or the organisation for its root.
	Resource *graph.Resource
	// ID is the literal ID when one is written ("r-ab12", "ou-ab12-...",
	// "123456789012").
	ID  string
	At  graph.Loc
	Why string
}

// same reports whether two targets certainly name the same entity
// (False when they certainly do not, Unknown when it cannot be told).
func (t Target) same(o Target) graph.Tri {
	switch {
	case t.Kind == TargetUnknown || o.Kind == TargetUnknown:
		return graph.Unknown
	case t.Kind != o.Kind:
		return graph.False
	case t.Kind == TargetRoot && t.Resource != nil && o.Resource != nil:
		return graph.TriOf(t.Resource == o.Resource)
	case t.Kind == TargetRoot:
		// A literal root ID: an organisation has one root, and a
		// scan is taken to hold one organisation's code.
		return graph.True
	case t.Resource != nil && o.Resource != nil:
		return graph.TriOf(t.Resource == o.Resource)
	case t.ID != "" && o.ID != "":
		return graph.TriOf(t.ID == o.ID)
	}
	return graph.Unknown
}

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
}

// Exists is whether the attachment is created.
func (a *PolicyAttachment) Exists() graph.Tri { return a.Resource.Exists }

// DelegatedAdmin registers an account as delegated administrator of an
// organisation service.
type DelegatedAdmin struct {
	Resource *graph.Resource
	// Service is the service principal ("guardduty.amazonaws.com").
	Service String
}

// OrgService is what enables a security service for the organisation.
type OrgService struct {
	// Service is the service principal it enables
	// ("securityhub.amazonaws.com").
	Service  string
	Resource *graph.Resource
	At       graph.Loc
	// What describes it for messages.
	What string
	// Maybe is set when the service is enabled only if a value that is
	// not known (the organisation's trusted services) holds it.
	Maybe string
}

// Organisation security services, by service principal.
const (
	GuardDutyService   = "guardduty.amazonaws.com"
	SecurityHubService = "securityhub.amazonaws.com"
	ConfigService      = "config.amazonaws.com"
)

// ServiceName is the product name of a service principal.
func ServiceName(principal string) string {
	switch principal {
	case GuardDutyService:
		return "GuardDuty"
	case SecurityHubService:
		return "Security Hub"
	case ConfigService:
		return "AWS Config"
	}
	return principal
}

// canonicalService maps the service principals that stand for a
// service's organisation integration to one name.
func canonicalService(p string) string {
	p = strings.ToLower(strings.TrimSpace(p))
	if p == "config-multiaccountsetup.amazonaws.com" {
		return ConfigService
	}
	return p
}

var (
	rootIDPattern    = regexp.MustCompile(`^r-[0-9a-z]{4,32}$`)
	ouIDPattern      = regexp.MustCompile(`^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$`)
	accountIDPattern = regexp.MustCompile(`^\d{12}$`)
)

// delegationTypes are the resources that make an account the delegated
// administrator of a security service, by the service.
var delegationTypes = map[string]string{
	"aws_guardduty_organization_admin_account":   GuardDutyService,
	"aws_securityhub_organization_admin_account": SecurityHubService,
	"AWS::SecurityHub::DelegatedAdmin":           SecurityHubService,
}

// enablerTypes are the resources that run a security service for the whole
// organisation, by the service they run.
var enablerTypes = map[string]string{
	"aws_guardduty_organization_configuration":         GuardDutyService,
	"aws_guardduty_organization_configuration_feature": GuardDutyService,
	"aws_securityhub_organization_configuration":       SecurityHubService,
	"AWS::SecurityHub::OrganizationConfiguration":      SecurityHubService,
	"aws_config_organization_managed_rule":             ConfigService,
	"aws_config_organization_custom_rule":              ConfigService,
	"aws_config_organization_custom_policy_rule":       ConfigService,
	"aws_config_organization_conformance_pack":         ConfigService,
	"AWS::Config::OrganizationConfigRule":              ConfigService,
	"AWS::Config::OrganizationConformancePack":         ConfigService,
	"aws_config_configuration_aggregator":              ConfigService,
	"AWS::Config::ConfigurationAggregator":             ConfigService,
}

// OrganizationScoped reports whether the organisation-scoped rules read the
// attributes of resources of type t: AWS Organizations resources, delegated
// administrators, organisation-wide service settings and trails. A scan
// keeps these in full across units; of other resources it keeps only what
// locates them (see rules.OrganizationScope).
func OrganizationScoped(t string) bool {
	if IsOrganizationsType(t) {
		return true
	}
	if _, ok := delegationTypes[t]; ok {
		return true
	}
	if _, ok := enablerTypes[t]; ok {
		return true
	}
	return t == "aws_cloudtrail" || t == "AWS::CloudTrail::Trail"
}

func buildOrg(m *Model) {
	o := &m.Organizations
	ix := m.index
	for _, r := range ix.OfType("aws_organizations_organization", "AWS::Organizations::Organization") {
		a := Attrs(r)
		org := &Organization{Resource: r}
		if r.Format == graph.CloudFormation {
			org.FeatureSet = StringOf(a.Get("FeatureSet"), Ptr("ALL"))
		} else {
			org.FeatureSet = StringOf(a.Get("feature_set"), Ptr("ALL"))
			org.ServiceAccessPrincipals = stringSetOf(a.Get("aws_service_access_principals"))
			org.EnabledPolicyTypes = stringSetOf(a.Get("enabled_policy_types"))
		}
		o.Orgs = append(o.Orgs, org)
	}
	for _, r := range ix.OfType("aws_organizations_organizational_unit", "AWS::Organizations::OrganizationalUnit") {
		parent := Attrs(r).Get("parent_id")
		if r.Format == graph.CloudFormation {
			parent = Attrs(r).Get("ParentId")
		}
		o.Units = append(o.Units, &OrgNode{Resource: r, Parent: targetOf(ix, r, parent)})
	}
	for _, r := range ix.OfType("aws_organizations_account", "AWS::Organizations::Account") {
		var parent Target
		if r.Format == graph.CloudFormation {
			ids := Attrs(r).Get("ParentIds")
			parent = Target{Kind: TargetRoot, At: ids.Loc()}
			if ids.IsSet() {
				parent = Target{At: KeyLoc(ids), Why: "the parent of " + r.Address + " is not known: " + ids.Value.Why()}
				if blocks, ok := ids.Blocks(); ok && len(blocks) == 1 {
					parent = targetOf(ix, r, blocks[0])
				} else if ok && len(blocks) == 0 {
					parent = Target{Kind: TargetRoot, At: ids.Loc()}
				} else if ids.Value.Kind() == graph.KindString {
					parent = targetOf(ix, r, ids)
				}
			}
		} else {
			pf := Attrs(r).Get("parent_id")
			parent = Target{Kind: TargetRoot, At: pf.Loc()}
			if pf.IsSet() {
				parent = targetOf(ix, r, pf)
			}
		}
		o.Accounts = append(o.Accounts, &OrgNode{Resource: r, Parent: parent})
	}

	byResource := map[*graph.Resource]*OrgPolicy{}
	for _, r := range ix.OfType("aws_organizations_policy", "AWS::Organizations::Policy") {
		a := Attrs(r)
		p := &OrgPolicy{Resource: r}
		if r.Format == graph.CloudFormation {
			p.Type = StringOf(a.Get("Type"), nil)
			p.Content = a.Get("Content")
		} else {
			p.Type = StringOf(a.Get("type"), Ptr("SERVICE_CONTROL_POLICY"))
			p.Content = a.Get("content")
		}
		p.Document = PolicyOf(p.Content)
		byResource[r] = p
		o.Policies = append(o.Policies, p)
		if r.Format != graph.CloudFormation {
			continue
		}
		ids := a.Get("TargetIds")
		if !ids.IsSet() {
			continue
		}
		blocks, ok := ids.Blocks()
		if !ok {
			if ids.Value.Kind() == graph.KindString {
				blocks = []Field{ids}
			} else {
				// The list itself is unknown: it may be empty or hold any
				// target.
				at := &PolicyAttachment{Resource: r, Policy: p, At: KeyLoc(ids),
					Target: Target{At: KeyLoc(ids), Why: "TargetIds of " + r.Address + " is not known: " + ids.Value.Why()}}
				p.MaybeAttachments = append(p.MaybeAttachments, at)
				o.Attachments = append(o.Attachments, at)
				continue
			}
		}
		for _, b := range blocks {
			at := &PolicyAttachment{Resource: r, Policy: p, Target: targetOf(ix, r, b), At: b.Loc()}
			p.Attachments = append(p.Attachments, at)
			o.Attachments = append(o.Attachments, at)
		}
	}

	for _, r := range ix.OfType("aws_organizations_policy_attachment") {
		a := Attrs(r)
		pf := a.Get("policy_id")
		at := &PolicyAttachment{Resource: r, Target: targetOf(ix, r, a.Get("target_id")), At: r.Loc()}
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
			if t := ix.Resolve(r, ref); t != nil {
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

	for _, r := range ix.OfType("aws_organizations_delegated_administrator") {
		o.DelegatedAdmins = append(o.DelegatedAdmins, &DelegatedAdmin{Resource: r,
			Service: Map(StringOf(Attrs(r).Get("service_principal"), nil), canonicalService)})
	}
	for _, t := range sortedKeys(delegationTypes) {
		for _, r := range ix.OfType(t) {
			o.DelegatedAdmins = append(o.DelegatedAdmins, &DelegatedAdmin{Resource: r, Service: Known(delegationTypes[t], true, r.Loc())})
		}
	}

	for _, org := range o.Orgs {
		if sp := org.ServiceAccessPrincipals; sp.AllUnknown || sp.Unknown > 0 {
			known := map[string]bool{}
			for _, v := range sp.Values {
				known[canonicalService(v)] = true
			}
			for _, svc := range []string{GuardDutyService, SecurityHubService, ConfigService} {
				if !known[svc] {
					o.OrgServices = append(o.OrgServices, &OrgService{Service: svc, Resource: org.Resource, At: sp.At,
						What:  org.Resource.Address + " may give " + svc + " trusted access to the organisation",
						Maybe: "the trusted services of " + org.Resource.Address + " are not known: " + sp.Why})
				}
			}
		}
		for i, v := range org.ServiceAccessPrincipals.Values {
			svc := canonicalService(v)
			if svc != GuardDutyService && svc != SecurityHubService && svc != ConfigService {
				continue
			}
			at := Attrs(org.Resource).Get("aws_service_access_principals")
			loc := at.Loc()
			if e, ok := at.Value.Index(i); ok && !e.Range.IsZero() {
				loc = org.Resource.At(at.Path, e)
			}
			o.OrgServices = append(o.OrgServices, &OrgService{Service: svc, Resource: org.Resource, At: loc,
				What: org.Resource.Address + " gives " + v + " trusted access to the organisation"})
		}
	}
	for _, t := range sortedKeys(enablerTypes) {
		svc := enablerTypes[t]
		for _, r := range ix.OfType(t) {
			if t == "aws_config_configuration_aggregator" || t == "AWS::Config::ConfigurationAggregator" {
				src := Attrs(r).Get("organization_aggregation_source")
				if r.Format == graph.CloudFormation {
					src = Attrs(r).Get("OrganizationAggregationSource")
				}
				if !src.IsSet() {
					continue
				}
			}
			o.OrgServices = append(o.OrgServices, &OrgService{Service: svc, Resource: r, At: r.Loc(),
				What: r.Address + " (" + r.Type + ") runs " + ServiceName(svc) + " for the organisation"})
		}
	}
}

// targetOf reads a policy target or parent ID.
func targetOf(ix *Index, from *graph.Resource, f Field) Target {
	t := Target{At: f.Loc()}
	if !f.IsSet() {
		t.Why = f.Path + " is not set"
		return t
	}
	v := f.Value
	if s, ok := v.AsString(); ok && v.IsKnown() {
		t.ID = s
		switch {
		case rootIDPattern.MatchString(s):
			t.Kind = TargetRoot
		case ouIDPattern.MatchString(s):
			t.Kind = TargetOU
		case accountIDPattern.MatchString(s):
			t.Kind = TargetAccount
		default:
			t.Why = f.Path + " is " + s + ", not a root, OU or account ID"
		}
		return t
	}
	for _, ref := range v.AllRefs() {
		attr := strings.ToLower(ref.Attr)
		if strings.HasPrefix(ref.Address, "data.aws_organizations_organization.") && strings.HasPrefix(attr, "roots") {
			t.Kind = TargetRoot
			return t
		}
		r := ix.Resolve(from, ref)
		if r == nil {
			continue
		}
		switch r.Type {
		case "aws_organizations_organization":
			if strings.HasPrefix(attr, "roots") {
				t.Kind, t.Resource = TargetRoot, r
				return t
			}
			if attr == "master_account_id" {
				t.Kind = TargetAccount
				return t
			}
		case "AWS::Organizations::Organization":
			if attr == "rootid" {
				t.Kind, t.Resource = TargetRoot, r
				return t
			}
			if attr == "managementaccountid" {
				t.Kind = TargetAccount
				return t
			}
		case "aws_organizations_organizational_unit", "AWS::Organizations::OrganizationalUnit":
			t.Kind, t.Resource = TargetOU, r
			return t
		case "aws_organizations_account", "AWS::Organizations::Account":
			t.Kind, t.Resource = TargetAccount, r
			return t
		}
	}
	t.Why = v.Why()
	if t.Why == "" {
		t.Why = f.Path + " does not name a root, OU or account"
	}
	return t
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
		if a.Resource.ExistsWhy != "" {
			return a.Resource.ExistsWhy
		}
		return "whether " + a.Resource.Address + " is created is not known"
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
	kind := TargetOU
	if n.Resource.Type == "aws_organizations_account" || n.Resource.Type == "AWS::Organizations::Account" {
		kind = TargetAccount
	}
	direct, w := c.p.AttachedTo(Target{Kind: kind, Resource: n.Resource})
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

// Concerns reports whether a resource in unit may belong to organisation
// org: it is in the organisation's unit, or in a unit that manages no
// organisation of its own (a stack deployed by a delegated administrator,
// a root module of the security account).
func (o *Organizations) Concerns(org *Organization, unit string) bool {
	if unit == org.Resource.Unit {
		return true
	}
	for _, other := range o.Orgs {
		if other.Resource.Unit == unit {
			return false
		}
	}
	return true
}

// attachedByLiteralRoot reports whether a policy of another unit is
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

// Delegated says whether some account is registered as delegated
// administrator of service (a service principal) in the scanned code, for
// the organisation managed in unit (any, when no unit manages one).
func (o *Organizations) Delegated(service, unit string) (graph.Tri, string) {
	result, why := graph.False, ""
	for _, d := range o.DelegatedAdmins {
		if !o.sameOrganization(unit, d.Resource.Unit) {
			continue
		}
		t := d.Service.Test(func(s string) bool { return s == service }).And(d.Resource.Exists)
		if t == graph.Unknown && why == "" {
			why = "the service " + d.Resource.Address + " delegates is not known"
			if d.Service.IsKnown() {
				why = "whether " + d.Resource.Address + " is created is not known"
			}
		}
		result = result.Or(t)
	}
	return result, why
}

// sameOrganization reports whether resources of units a and b may belong
// to the same organisation: one of them manages none, or both are the
// same unit.
func (o *Organizations) sameOrganization(a, b string) bool {
	if a == b {
		return true
	}
	managesA, managesB := false, false
	for _, org := range o.Orgs {
		managesA = managesA || org.Resource.Unit == a
		managesB = managesB || org.Resource.Unit == b
	}
	return !managesA || !managesB
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// documentUnknownReason says why a policy, or a statement of it, is not
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
