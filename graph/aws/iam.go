package aws

import (
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
)

// IAM holds the IAM resources of the model.
type IAM struct {
	// Policies holds every identity-based policy document written in the
	// code: managed policies and the inline policies of roles, users and
	// groups.
	Policies []*IAMPolicy
	Roles    []*IAMRole
	// Groups holds the IAM groups with the policies put on them.
	Groups []*IAMGroup
	// UserPolicies holds every place where a policy is embedded in or
	// attached directly to an IAM user.
	UserPolicies []*IAMUserPolicy
	// ManagedAttachments holds the managed policies attached by ARN to
	// roles, users, groups and IAM Identity Center permission sets.
	ManagedAttachments []*IAMManagedAttachment
	AccessKeys         []*IAMAccessKey
	// PasswordPolicies holds the account password policies: Terraform's
	// aws_iam_account_password_policy, and CloudFormation custom resources
	// that appear to manage one (CloudFormation has no resource type for
	// it), whose settings are opaque.
	PasswordPolicies []*IAMPasswordPolicy
}

// IAMPolicy is an identity-based policy document (of an IAM identity, or
// of an IAM Identity Center permission set, which becomes one of the roles
// it provisions).
type IAMPolicy struct {
	// Resource is where the document is written.
	Resource *graph.Resource
	// Inline is true for a policy embedded in a role, user or group.
	Inline bool
	// Name is the policy name when set literally.
	Name     string
	Document *Policy
	// embedded is true for a policy written inside the role, user, group
	// or function it belongs to, rather than as a resource of its own.
	embedded bool
}

// Describe names the policy for messages: `aws_iam_policy.admin`,
// `inline policy "s3" of aws_iam_role.app`.
func (p *IAMPolicy) Describe() string {
	switch {
	case p.embedded && p.Name != "":
		return "inline policy \"" + p.Name + "\" of " + p.Resource.Address
	case p.embedded:
		return "an inline policy of " + p.Resource.Address
	}
	return p.Resource.Address
}

// IAMRole is an IAM role with its trust policy.
type IAMRole struct {
	Resource *graph.Resource
	// Trust is the assume role policy document.
	Trust *Policy
}

// IAMUserPolicy is a policy embedded in, or attached directly to, an IAM
// user.
type IAMUserPolicy struct {
	Resource *graph.Resource
	// At locates what puts the policy on a user: the users list, the
	// user's Policies or ManagedPolicyArns, or the resource itself.
	At graph.Loc
	// What says how, completing "<address> ...": "embeds an inline policy
	// in an IAM user".
	What string
	// Attached is True when the policy certainly reaches a user, Unknown
	// when the list of users is not known; Why explains the latter.
	Attached graph.Tri
	Why      string
}

// Loc locates the attachment.
func (u *IAMUserPolicy) Loc() graph.Loc { return u.At }

// UnknownReason says why the attachment is not known.
func (u *IAMUserPolicy) UnknownReason() string { return u.Why }

// IAMAccessKey is a long-lived access key of an IAM user.
type IAMAccessKey struct {
	Resource *graph.Resource
	// User is the user name when known.
	User String
	// Status is "Active" (the default) or "Inactive".
	Status String
}

// IAMPasswordPolicy is the account's IAM password policy.
type IAMPasswordPolicy struct {
	Resource *graph.Resource
	// MinimumLength defaults to 6, AWS's minimum when the policy does not
	// set one.
	MinimumLength Int
	// ReusePrevention is the number of previous passwords that cannot be
	// reused; 0 (the default) allows reuse.
	ReusePrevention Int
	// The character classes a password must contain (none by default).
	RequireUppercase Bool
	RequireLowercase Bool
	RequireNumbers   Bool
	RequireSymbols   Bool
	// MaxAge is the password lifetime in days; 0 (the default) never
	// expires.
	MaxAge Int
	// Opaque is set for a CloudFormation custom resource that appears to
	// manage the password policy: what it sets cannot be known from the
	// template, and every setting is unknown.
	Opaque bool
}

// iamPolicyAdapters read identity-based policy documents: managed
// policies, inline policy resources, and the inline policies embedded in
// roles, users, groups and SAM functions.
var iamPolicyAdapters = adapters[[]*IAMPolicy]{
	{graph.Terraform, "aws_iam_policy", func(_ *Model, r *graph.Resource) []*IAMPolicy {
		a := Attrs(r)
		return []*IAMPolicy{iamPolicy(r, false, a.Get("name"), a.Get("policy"))}
	}},
	{graph.Terraform, "aws_iam_role_policy", terraformInlinePolicy},
	{graph.Terraform, "aws_iam_user_policy", terraformInlinePolicy},
	{graph.Terraform, "aws_iam_group_policy", terraformInlinePolicy},
	{graph.Terraform, "aws_iam_role", func(_ *Model, r *graph.Resource) []*IAMPolicy {
		return embeddedPolicies(r, Attrs(r).Get("inline_policy"), "name", "policy")
	}},
	{graph.CloudFormation, "AWS::IAM::ManagedPolicy", func(_ *Model, r *graph.Resource) []*IAMPolicy {
		a := Attrs(r)
		return []*IAMPolicy{iamPolicy(r, false, a.Get("ManagedPolicyName"), a.Get("PolicyDocument"))}
	}},
	{graph.CloudFormation, "AWS::IAM::Policy", cloudFormationInlinePolicy},
	{graph.CloudFormation, "AWS::IAM::RolePolicy", cloudFormationInlinePolicy},
	{graph.CloudFormation, "AWS::IAM::UserPolicy", cloudFormationInlinePolicy},
	{graph.CloudFormation, "AWS::IAM::GroupPolicy", cloudFormationInlinePolicy},
	{graph.CloudFormation, "AWS::IAM::Role", cloudFormationEmbeddedPolicies},
	{graph.CloudFormation, "AWS::IAM::User", cloudFormationEmbeddedPolicies},
	{graph.CloudFormation, "AWS::IAM::Group", cloudFormationEmbeddedPolicies},
	{graph.CloudFormation, "AWS::Serverless::Function", samPolicies},
	{graph.CloudFormation, "AWS::Serverless::StateMachine", samPolicies},
	{graph.Terraform, "aws_ssoadmin_permission_set_inline_policy", func(_ *Model, r *graph.Resource) []*IAMPolicy {
		return []*IAMPolicy{iamPolicy(r, true, Field{}, Attrs(r).Get("inline_policy"))}
	}},
	{graph.CloudFormation, "AWS::SSO::PermissionSet", func(_ *Model, r *graph.Resource) []*IAMPolicy {
		doc := Attrs(r).Get("InlinePolicy")
		if !doc.IsSet() {
			return nil
		}
		return []*IAMPolicy{embeddedPolicy(r, Field{}, doc)}
	}},
}

func terraformInlinePolicy(_ *Model, r *graph.Resource) []*IAMPolicy {
	a := Attrs(r)
	return []*IAMPolicy{iamPolicy(r, true, a.Get("name"), a.Get("policy"))}
}

func cloudFormationInlinePolicy(_ *Model, r *graph.Resource) []*IAMPolicy {
	a := Attrs(r)
	return []*IAMPolicy{iamPolicy(r, true, a.Get("PolicyName"), a.Get("PolicyDocument"))}
}

func cloudFormationEmbeddedPolicies(_ *Model, r *graph.Resource) []*IAMPolicy {
	return embeddedPolicies(r, Attrs(r).Get("Policies"), "PolicyName", "PolicyDocument")
}

// samPolicies reads the policy documents listed in the Policies of a SAM
// function or state machine, which become inline policies of its role
// (managed policy names and policy templates are AWS's own).
func samPolicies(_ *Model, r *graph.Resource) []*IAMPolicy {
	pols := Attrs(r).Get("Policies")
	switch {
	case !pols.IsSet():
		return nil
	case !pols.Value.IsKnown():
		return []*IAMPolicy{unknownEmbeddedPolicy(r, pols)}
	case pols.Get("Statement").IsSet():
		return []*IAMPolicy{embeddedPolicy(r, Field{}, pols)}
	}
	var out []*IAMPolicy
	for _, b := range blocksOf(pols) {
		if b.Value.Kind() == graph.KindObject && b.Get("Statement").IsSet() {
			out = append(out, embeddedPolicy(r, Field{}, b))
		}
	}
	return out
}

// iamPolicy reads a policy document with the name it is given.
func iamPolicy(r *graph.Resource, inline bool, name, doc Field) *IAMPolicy {
	n, _ := name.Value.AsString()
	if !name.IsSet() || !name.Value.IsKnown() {
		n = ""
	}
	return &IAMPolicy{Resource: r, Inline: inline, Name: n, Document: PolicyOf(doc)}
}

func embeddedPolicy(r *graph.Resource, name, doc Field) *IAMPolicy {
	p := iamPolicy(r, true, name, doc)
	p.embedded = true
	return p
}

// unknownEmbeddedPolicy stands for inline policies that are not known.
func unknownEmbeddedPolicy(r *graph.Resource, f Field) *IAMPolicy {
	return &IAMPolicy{Resource: r, Inline: true, embedded: true,
		Document: &Policy{At: f.Loc(), Why: f.Value.Why(), MinifiedSize: -1}}
}

// embeddedPolicies reads the inline policies held in a list (Terraform
// inline_policy blocks, CloudFormation Policies).
func embeddedPolicies(r *graph.Resource, list Field, nameKey, docKey string) []*IAMPolicy {
	blocks, ok := list.Blocks()
	if !ok {
		return []*IAMPolicy{unknownEmbeddedPolicy(r, list)}
	}
	var out []*IAMPolicy
	for _, b := range blocks {
		if !b.Value.IsKnown() {
			out = append(out, unknownEmbeddedPolicy(r, b))
			continue
		}
		if !b.Get(docKey).IsSet() {
			// An empty inline_policy block removes the role's inline
			// policies; it holds no document.
			continue
		}
		out = append(out, embeddedPolicy(r, b.Get(nameKey), b.Get(docKey)))
	}
	return out
}

var iamRoleAdapters = adapters[*IAMRole]{
	{graph.Terraform, "aws_iam_role", func(_ *Model, r *graph.Resource) *IAMRole {
		return &IAMRole{Resource: r, Trust: PolicyOf(Attrs(r).Get("assume_role_policy"))}
	}},
	{graph.CloudFormation, "AWS::IAM::Role", func(_ *Model, r *graph.Resource) *IAMRole {
		return &IAMRole{Resource: r, Trust: PolicyOf(Attrs(r).Get("AssumeRolePolicyDocument"))}
	}},
}

var accessKeyAdapters = adapters[*IAMAccessKey]{
	{graph.Terraform, "aws_iam_access_key", func(_ *Model, r *graph.Resource) *IAMAccessKey {
		a := Attrs(r)
		return &IAMAccessKey{Resource: r, User: StringOf(a.Get("user"), nil), Status: StringOf(a.Get("status"), Ptr("Active"))}
	}},
	{graph.CloudFormation, "AWS::IAM::AccessKey", func(_ *Model, r *graph.Resource) *IAMAccessKey {
		a := Attrs(r)
		return &IAMAccessKey{Resource: r, User: StringOf(a.Get("UserName"), nil), Status: StringOf(a.Get("Status"), Ptr("Active"))}
	}},
}

var passwordPolicyAdapters = adapters[*IAMPasswordPolicy]{
	{graph.Terraform, "aws_iam_account_password_policy", func(_ *Model, r *graph.Resource) *IAMPasswordPolicy {
		a := Attrs(r)
		return &IAMPasswordPolicy{
			Resource:         r,
			MinimumLength:    IntOf(a.Get("minimum_password_length"), Ptr(6)),
			ReusePrevention:  IntOf(a.Get("password_reuse_prevention"), Ptr(0)),
			RequireUppercase: BoolOf(a.Get("require_uppercase_characters"), Ptr(false)),
			RequireLowercase: BoolOf(a.Get("require_lowercase_characters"), Ptr(false)),
			RequireNumbers:   BoolOf(a.Get("require_numbers"), Ptr(false)),
			RequireSymbols:   BoolOf(a.Get("require_symbols"), Ptr(false)),
			MaxAge:           IntOf(a.Get("max_password_age"), Ptr(0)),
		}
	}},
}

// opaquePasswordPolicy is the password policy of a CloudFormation custom
// resource that appears to manage it.
func opaquePasswordPolicy(r *graph.Resource) *IAMPasswordPolicy {
	why := r.Address + " (" + r.Type + ") appears to manage the account password policy, " +
		"but what a custom resource does cannot be seen in the template"
	return &IAMPasswordPolicy{
		Resource:         r,
		Opaque:           true,
		MinimumLength:    UnknownAttr[int](why, r.Loc()),
		ReusePrevention:  UnknownAttr[int](why, r.Loc()),
		RequireUppercase: UnknownAttr[bool](why, r.Loc()),
		RequireLowercase: UnknownAttr[bool](why, r.Loc()),
		RequireNumbers:   UnknownAttr[bool](why, r.Loc()),
		RequireSymbols:   UnknownAttr[bool](why, r.Loc()),
		MaxAge:           UnknownAttr[int](why, r.Loc()),
	}
}

func buildIAM(m *Model) {
	m.IAM.Policies = flat(m, iamPolicyAdapters)
	m.IAM.Roles = iamRoleAdapters.all(m)
	m.IAM.UserPolicies = flat(m, userPolicyAdapters)
	buildIAMAttachments(m)
	buildIAMGroups(m)
	m.IAM.AccessKeys = accessKeyAdapters.all(m)
	m.IAM.PasswordPolicies = passwordPolicyAdapters.all(m)
	// Custom resources have types of their authors' choosing, which no
	// table can list.
	for _, r := range m.Graph.Resources {
		if schema(r.Format) == graph.CloudFormation && customPasswordPolicy(r) {
			m.IAM.PasswordPolicies = append(m.IAM.PasswordPolicies, opaquePasswordPolicy(r))
		}
	}
}

// passwordPolicyProperties are the properties of the IAM
// UpdateAccountPasswordPolicy API, which custom resources managing the
// password policy pass through.
var passwordPolicyProperties = map[string]bool{
	"minimumpasswordlength":      true,
	"passwordreuseprevention":    true,
	"requireuppercasecharacters": true,
	"requirelowercasecharacters": true,
	"maxpasswordage":             true,
}

// customPasswordPolicy reports whether a CloudFormation resource is a custom
// resource or third-party extension that appears to manage the account
// password policy: its type names a password policy, or it is a custom
// resource given the API's settings.
func customPasswordPolicy(r *graph.Resource) bool {
	if strings.HasPrefix(r.Type, "AWS::") && r.Type != "AWS::CloudFormation::CustomResource" {
		return false
	}
	if strings.Contains(strings.ToLower(r.Type), "passwordpolicy") {
		return true
	}
	if !strings.HasPrefix(r.Type, "Custom::") && r.Type != "AWS::CloudFormation::CustomResource" {
		return false
	}
	for _, f := range r.Attributes().Fields() {
		if passwordPolicyProperties[strings.ToLower(f.Key)] {
			return true
		}
	}
	return false
}

// userPolicyAdapters read what puts a policy on an IAM user directly.
var userPolicyAdapters = adapters[[]*IAMUserPolicy]{
	{graph.Terraform, "aws_iam_user_policy", embedsInUser},
	{graph.Terraform, "aws_iam_user_policy_attachment", func(_ *Model, r *graph.Resource) []*IAMUserPolicy {
		return []*IAMUserPolicy{{Resource: r, At: r.Loc(), What: "attaches a managed policy to an IAM user", Attached: graph.True}}
	}},
	{graph.Terraform, "aws_iam_policy_attachment", func(_ *Model, r *graph.Resource) []*IAMUserPolicy {
		f := Attrs(r).Get("users")
		t, why := nonEmpty(f)
		return []*IAMUserPolicy{{Resource: r, At: KeyLoc(f), What: "attaches a managed policy to IAM users", Attached: t, Why: why}}
	}},
	{graph.CloudFormation, "AWS::IAM::UserPolicy", embedsInUser},
	{graph.CloudFormation, "AWS::IAM::User", func(_ *Model, r *graph.Resource) []*IAMUserPolicy {
		a := Attrs(r)
		return append(usersGiven(r, a.Get("Policies"), "embeds inline policies in the user"),
			usersGiven(r, a.Get("ManagedPolicyArns"), "attaches managed policies to the user")...)
	}},
	{graph.CloudFormation, "AWS::IAM::Policy", func(_ *Model, r *graph.Resource) []*IAMUserPolicy {
		return usersGiven(r, Attrs(r).Get("Users"), "embeds the policy in IAM users")
	}},
	{graph.CloudFormation, "AWS::IAM::ManagedPolicy", func(_ *Model, r *graph.Resource) []*IAMUserPolicy {
		return usersGiven(r, Attrs(r).Get("Users"), "attaches the policy to IAM users")
	}},
}

func embedsInUser(_ *Model, r *graph.Resource) []*IAMUserPolicy {
	return []*IAMUserPolicy{{Resource: r, At: r.Loc(), What: "embeds an inline policy in an IAM user", Attached: graph.True}}
}

// usersGiven is the user policy a list property puts on users, when it may
// hold any.
func usersGiven(r *graph.Resource, f Field, what string) []*IAMUserPolicy {
	t, why := nonEmpty(f)
	if t == graph.False {
		return nil
	}
	return []*IAMUserPolicy{{Resource: r, At: KeyLoc(f), What: what, Attached: t, Why: why}}
}

// nonEmpty says whether a list field certainly has elements: its element
// values do not matter, so [aws_iam_user.u.name] is non-empty even before
// the name is known. A single value counts as a list of one.
func nonEmpty(f Field) (graph.Tri, string) {
	if !f.IsSet() {
		return graph.False, ""
	}
	alts := f.Value.Alternatives()
	if len(alts) == 0 {
		return graph.Unknown, f.Value.Why()
	}
	result := graph.Unknown
	for i, v := range alts {
		var t graph.Tri
		switch v.Kind() {
		case graph.KindNull:
			t = graph.False
		case graph.KindList:
			t = graph.TriOf(len(v.Elems()) > 0)
		case graph.KindString:
			t = graph.True
		default:
			return graph.Unknown, f.Value.Why()
		}
		if i == 0 {
			result = t
		} else if result != t {
			result = graph.Unknown
		}
	}
	return result, f.Value.Why()
}
