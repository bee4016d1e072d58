package aws

import (
	"cmp"
	"regexp"
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
	// unread are the module calls whose code was not read (unread.go).
	unread []orgUnread
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
	// principals is the argument ServiceAccessPrincipals is read from.
	principals Field
	// EnabledPolicyTypes are the policy types enabled on the root
	// (Terraform only).
	EnabledPolicyTypes StringSet
}

// OrgNode is an organisational unit or a member account.
type OrgNode struct {
	Resource *graph.Resource
	// Kind is TargetOU or TargetAccount.
	Kind TargetKind
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

var (
	rootIDPattern    = regexp.MustCompile(`^r-[0-9a-z]{4,32}$`)
	ouIDPattern      = regexp.MustCompile(`^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$`)
	accountIDPattern = regexp.MustCompile(`^\d{12}$`)
)

func buildOrg(m *Model) {
	buildOrgStructure(m)
	buildOrgPolicies(m)
	addImplicitFullAWSAccess(m)
	buildDelegatedAdmins(m)
	buildOrgServices(m)
	buildOrgUnread(m)
}

var organizationAdapters = adapters[*Organization]{
	{graph.Terraform, "aws_organizations_organization", func(_ *Model, r *graph.Resource) *Organization {
		a := Attrs(r)
		return &Organization{Resource: r,
			FeatureSet:              StringOf(a.Get("feature_set"), Ptr("ALL")),
			ServiceAccessPrincipals: stringSetOf(a.Get("aws_service_access_principals")),
			principals:              a.Get("aws_service_access_principals"),
			EnabledPolicyTypes:      stringSetOf(a.Get("enabled_policy_types")),
		}
	}},
	{graph.CloudFormation, "AWS::Organizations::Organization", func(_ *Model, r *graph.Resource) *Organization {
		return &Organization{Resource: r, FeatureSet: StringOf(Attrs(r).Get("FeatureSet"), Ptr("ALL"))}
	}},
}

var organizationalUnitAdapters = adapters[*OrgNode]{
	{graph.Terraform, "aws_organizations_organizational_unit", func(m *Model, r *graph.Resource) *OrgNode {
		return &OrgNode{Resource: r, Kind: TargetOU, Parent: targetOf(m, r, Attrs(r).Get("parent_id"))}
	}},
	{graph.CloudFormation, "AWS::Organizations::OrganizationalUnit", func(m *Model, r *graph.Resource) *OrgNode {
		return &OrgNode{Resource: r, Kind: TargetOU, Parent: targetOf(m, r, Attrs(r).Get("ParentId"))}
	}},
}

// accountAdapters read member accounts; one that names no parent sits in
// the root.
var accountAdapters = adapters[*OrgNode]{
	{graph.Terraform, "aws_organizations_account", func(m *Model, r *graph.Resource) *OrgNode {
		pf := Attrs(r).Get("parent_id")
		parent := Target{Kind: TargetRoot, At: pf.Loc()}
		if pf.IsSet() {
			parent = targetOf(m, r, pf)
		}
		return &OrgNode{Resource: r, Kind: TargetAccount, Parent: parent}
	}},
	{graph.CloudFormation, "AWS::Organizations::Account", func(m *Model, r *graph.Resource) *OrgNode {
		ids := Attrs(r).Get("ParentIds")
		parent := Target{Kind: TargetRoot, At: ids.Loc()}
		if ids.IsSet() {
			parent = Target{At: KeyLoc(ids), Why: "the parent of " + r.Address + " is not known: " + ids.Value.Why()}
			if blocks, ok := ids.Blocks(); ok && len(blocks) == 1 {
				parent = targetOf(m, r, blocks[0])
			} else if ok && len(blocks) == 0 {
				parent = Target{Kind: TargetRoot, At: ids.Loc()}
			} else if ids.Value.Kind() == graph.KindString {
				parent = targetOf(m, r, ids)
			}
		}
		return &OrgNode{Resource: r, Kind: TargetAccount, Parent: parent}
	}},
}

// buildOrgStructure reads the organisation, its OUs and its accounts.
func buildOrgStructure(m *Model) {
	o := &m.Organizations
	o.Orgs = organizationAdapters.all(m)
	o.Units = organizationalUnitAdapters.all(m)
	o.Accounts = accountAdapters.all(m)
}

// orgReference says what a reference to an AWS Organizations resource
// designates, by the attribute referred to (in lower case).
type orgReference struct {
	// kind is what a reference to the resource itself designates (an OU,
	// an account), TargetUnknown for the organisation.
	kind TargetKind
	// root is the prefix of the organisation's attributes naming its root,
	// management the attribute naming the management account.
	root, management string
}

var orgReferenceAdapters = adapters[orgReference]{
	{graph.Terraform, "aws_organizations_organization", func(*Model, *graph.Resource) orgReference {
		return orgReference{root: "roots", management: "master_account_id"}
	}},
	{graph.Terraform, "aws_organizations_organizational_unit", func(*Model, *graph.Resource) orgReference {
		return orgReference{kind: TargetOU}
	}},
	{graph.Terraform, "aws_organizations_account", func(*Model, *graph.Resource) orgReference {
		return orgReference{kind: TargetAccount}
	}},
	{graph.CloudFormation, "AWS::Organizations::Organization", func(*Model, *graph.Resource) orgReference {
		return orgReference{root: "rootid", management: "managementaccountid"}
	}},
	{graph.CloudFormation, "AWS::Organizations::OrganizationalUnit", func(*Model, *graph.Resource) orgReference {
		return orgReference{kind: TargetOU}
	}},
	{graph.CloudFormation, "AWS::Organizations::Account", func(*Model, *graph.Resource) orgReference {
		return orgReference{kind: TargetAccount}
	}},
}

// targetOf reads a policy target or parent ID.
func targetOf(m *Model, from *graph.Resource, f Field) Target {
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
		// The organisation looked up by a Terraform data source.
		if strings.HasPrefix(ref.Address, "data.aws_organizations_organization.") && strings.HasPrefix(attr, "roots") {
			t.Kind = TargetRoot
			return t
		}
		r := m.index.Resolve(from, ref)
		if r == nil {
			continue
		}
		o, ok := orgReferenceAdapters.of(m, r)
		switch {
		case !ok:
		case o.kind != TargetUnknown:
			t.Kind, t.Resource = o.kind, r
			return t
		case strings.HasPrefix(attr, o.root):
			t.Kind, t.Resource = TargetRoot, r
			return t
		case attr == o.management:
			t.Kind = TargetAccount
			return t
		}
	}
	t.Why = cmp.Or(v.Why(), f.Path+" does not name a root, OU or account")
	return t
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
