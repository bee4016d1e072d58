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
	// UserPolicies holds every place where a policy is embedded in or
	// attached directly to an IAM user.
	UserPolicies []*IAMUserPolicy
	AccessKeys   []*IAMAccessKey
	// PasswordPolicies holds the account password policies: Terraform's
	// aws_iam_account_password_policy, and CloudFormation custom resources
	// that appear to manage one (CloudFormation has no resource type for
	// it), whose settings are opaque.
	PasswordPolicies []*IAMPasswordPolicy
}

// IAMPolicy is an identity-based policy document.
type IAMPolicy struct {
	// Resource is where the document is written.
	Resource *graph.Resource
	// Inline is true for a policy embedded in a role, user or group.
	Inline bool
	// Name is the policy name when set literally.
	Name     string
	Document *Policy
}

// Describe names the policy for messages: `aws_iam_policy.admin`,
// `inline policy "s3" of aws_iam_role.app`.
func (p *IAMPolicy) Describe() string {
	switch {
	case p.Inline && p.Name != "" && !isInlinePolicyType(p.Resource.Type):
		return "inline policy \"" + p.Name + "\" of " + p.Resource.Address
	case p.Inline && !isInlinePolicyType(p.Resource.Type):
		return "an inline policy of " + p.Resource.Address
	}
	return p.Resource.Address
}

// isInlinePolicyType reports whether a resource type is itself one inline
// policy (rather than an identity holding inline policies).
func isInlinePolicyType(t string) bool {
	switch t {
	case "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy",
		"AWS::IAM::Policy", "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy":
		return true
	}
	return false
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

func buildIAM(m *Model) {
	ix := m.index
	add := func(r *graph.Resource, inline bool, name Field, doc Field) {
		n, _ := name.Value.AsString()
		if !name.IsSet() || !name.Value.IsKnown() {
			n = ""
		}
		m.IAM.Policies = append(m.IAM.Policies, &IAMPolicy{Resource: r, Inline: inline, Name: n, Document: PolicyOf(doc)})
	}
	// addBlocks adds the inline policies held in a list (Terraform
	// inline_policy blocks, CloudFormation Policies).
	addBlocks := func(r *graph.Resource, list Field, nameKey, docKey string) {
		blocks, ok := list.Blocks()
		if !ok {
			m.IAM.Policies = append(m.IAM.Policies, &IAMPolicy{Resource: r, Inline: true,
				Document: &Policy{At: list.Loc(), Why: list.Value.Why(), MinifiedSize: -1}})
			return
		}
		for _, b := range blocks {
			if !b.Value.IsKnown() {
				m.IAM.Policies = append(m.IAM.Policies, &IAMPolicy{Resource: r, Inline: true,
					Document: &Policy{At: b.Loc(), Why: b.Value.Why(), MinifiedSize: -1}})
				continue
			}
			if !b.Get(docKey).IsSet() {
				// An empty inline_policy block removes the role's inline
				// policies; it holds no document.
				continue
			}
			add(r, true, b.Get(nameKey), b.Get(docKey))
		}
	}

	for _, r := range ix.OfType(
		"aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role",
		"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy",
		"AWS::IAM::GroupPolicy", "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group") {
		a := Attrs(r)
		switch r.Type {
		case "aws_iam_policy":
			add(r, false, a.Get("name"), a.Get("policy"))
		case "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy":
			add(r, true, a.Get("name"), a.Get("policy"))
		case "aws_iam_role":
			addBlocks(r, a.Get("inline_policy"), "name", "policy")
			m.IAM.Roles = append(m.IAM.Roles, &IAMRole{Resource: r, Trust: PolicyOf(a.Get("assume_role_policy"))})
		case "AWS::IAM::Policy", "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy":
			add(r, true, a.Get("PolicyName"), a.Get("PolicyDocument"))
		case "AWS::IAM::ManagedPolicy":
			add(r, false, a.Get("ManagedPolicyName"), a.Get("PolicyDocument"))
		case "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group":
			addBlocks(r, a.Get("Policies"), "PolicyName", "PolicyDocument")
			if r.Type == "AWS::IAM::Role" {
				m.IAM.Roles = append(m.IAM.Roles, &IAMRole{Resource: r, Trust: PolicyOf(a.Get("AssumeRolePolicyDocument"))})
			}
		}
	}

	// SAM functions and state machines get a role whose inline policies are
	// the policy documents listed in Policies (managed policy names and
	// policy templates are AWS's own).
	for _, r := range ix.OfType("AWS::Serverless::Function", "AWS::Serverless::StateMachine") {
		pols := Attrs(r).Get("Policies")
		if !pols.IsSet() {
			continue
		}
		if !pols.Value.IsKnown() {
			m.IAM.Policies = append(m.IAM.Policies, &IAMPolicy{Resource: r, Inline: true,
				Document: &Policy{At: pols.Loc(), Why: pols.Value.Why(), MinifiedSize: -1}})
			continue
		}
		if pols.Get("Statement").IsSet() {
			add(r, true, Field{}, pols)
			continue
		}
		for _, b := range blocksOf(pols) {
			if b.Value.Kind() == graph.KindObject && b.Get("Statement").IsSet() {
				add(r, true, Field{}, b)
			}
		}
	}

	buildUserPolicies(m)

	for _, r := range ix.OfType("aws_iam_access_key", "AWS::IAM::AccessKey") {
		a := Attrs(r)
		k := &IAMAccessKey{Resource: r}
		if r.Format == graph.CloudFormation {
			k.User = StringOf(a.Get("UserName"), nil)
			k.Status = StringOf(a.Get("Status"), Ptr("Active"))
		} else {
			k.User = StringOf(a.Get("user"), nil)
			k.Status = StringOf(a.Get("status"), Ptr("Active"))
		}
		m.IAM.AccessKeys = append(m.IAM.AccessKeys, k)
	}

	for _, r := range ix.OfType("aws_iam_account_password_policy") {
		a := Attrs(r)
		m.IAM.PasswordPolicies = append(m.IAM.PasswordPolicies, &IAMPasswordPolicy{
			Resource:         r,
			MinimumLength:    IntOf(a.Get("minimum_password_length"), Ptr(6)),
			ReusePrevention:  IntOf(a.Get("password_reuse_prevention"), Ptr(0)),
			RequireUppercase: BoolOf(a.Get("require_uppercase_characters"), Ptr(false)),
			RequireLowercase: BoolOf(a.Get("require_lowercase_characters"), Ptr(false)),
			RequireNumbers:   BoolOf(a.Get("require_numbers"), Ptr(false)),
			RequireSymbols:   BoolOf(a.Get("require_symbols"), Ptr(false)),
			MaxAge:           IntOf(a.Get("max_password_age"), Ptr(0)),
		})
	}
	for _, r := range m.Graph.Resources {
		if r.Format == graph.CloudFormation && customPasswordPolicy(r) {
			why := r.Address + " (" + r.Type + ") appears to manage the account password policy, " +
				"but what a custom resource does cannot be seen in the template"
			m.IAM.PasswordPolicies = append(m.IAM.PasswordPolicies, &IAMPasswordPolicy{
				Resource:         r,
				Opaque:           true,
				MinimumLength:    UnknownAttr[int](why, r.Loc()),
				ReusePrevention:  UnknownAttr[int](why, r.Loc()),
				RequireUppercase: UnknownAttr[bool](why, r.Loc()),
				RequireLowercase: UnknownAttr[bool](why, r.Loc()),
				RequireNumbers:   UnknownAttr[bool](why, r.Loc()),
				RequireSymbols:   UnknownAttr[bool](why, r.Loc()),
				MaxAge:           UnknownAttr[int](why, r.Loc()),
			})
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
	for _, f := range r.Attrs.Fields() {
		if passwordPolicyProperties[strings.ToLower(f.Key)] {
			return true
		}
	}
	return false
}

func buildUserPolicies(m *Model) {
	add := func(r *graph.Resource, at graph.Loc, what string, attached graph.Tri, why string) {
		m.IAM.UserPolicies = append(m.IAM.UserPolicies, &IAMUserPolicy{Resource: r, At: at, What: what, Attached: attached, Why: why})
	}
	for _, r := range m.index.OfType(
		"aws_iam_user_policy", "aws_iam_user_policy_attachment", "aws_iam_policy_attachment",
		"AWS::IAM::UserPolicy", "AWS::IAM::User", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy") {
		a := Attrs(r)
		switch r.Type {
		case "aws_iam_user_policy", "AWS::IAM::UserPolicy":
			add(r, r.Loc(), "embeds an inline policy in an IAM user", graph.True, "")
		case "aws_iam_user_policy_attachment":
			add(r, r.Loc(), "attaches a managed policy to an IAM user", graph.True, "")
		case "aws_iam_policy_attachment":
			f := a.Get("users")
			t, why := nonEmpty(f)
			add(r, KeyLoc(f), "attaches a managed policy to IAM users", t, why)
		case "AWS::IAM::User":
			for _, p := range []struct{ prop, what string }{
				{"Policies", "embeds inline policies in the user"},
				{"ManagedPolicyArns", "attaches managed policies to the user"},
			} {
				f := a.Get(p.prop)
				t, why := nonEmpty(f)
				if t != graph.False {
					add(r, KeyLoc(f), p.what, t, why)
				}
			}
		case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy":
			f := a.Get("Users")
			t, why := nonEmpty(f)
			what := "attaches the policy to IAM users"
			if r.Type == "AWS::IAM::Policy" {
				what = "embeds the policy in IAM users"
			}
			if t != graph.False {
				add(r, KeyLoc(f), what, t, why)
			}
		}
	}
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
