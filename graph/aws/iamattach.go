package aws

import (
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
)

// IAMManagedAttachment is a managed policy attached, by ARN, to IAM roles,
// users or groups or to an IAM Identity Center permission set: one per
// policy for resources that attach several.
type IAMManagedAttachment struct {
	Resource *graph.Resource
	// At locates the policy's ARN (or name).
	At graph.Loc
	// To says what the policy is attached to, for messages: "a role",
	// "IAM users, groups or roles", "a permission set".
	To string
	// Attached is True when the policy certainly reaches an identity,
	// Unknown when the list of identities is not known; Why explains it.
	Attached graph.Tri
	Why      string
	// policy is the ARN as evaluated; name is set instead for a SAM
	// function's policy given by AWS managed policy name.
	policy graph.Value
	name   bool
}

// Loc locates the attached policy.
func (a *IAMManagedAttachment) Loc() graph.Loc { return a.At }

// UnknownReason says why the policy or whom it reaches is not known.
func (a *IAMManagedAttachment) UnknownReason() string {
	if a.Why != "" {
		return a.Why
	}
	return a.policy.Why()
}

// IsAWSManaged is True when the attached policy is the AWS managed policy
// of the given name (arn:<partition>:iam::aws:policy/<name>). A policy
// whose ARN is an attribute of a resource of the code (a customer managed
// policy, known after apply) is not.
func (a *IAMManagedAttachment) IsAWSManaged(name string) graph.Tri {
	v := a.policy
	alts := v.Alternatives()
	if len(alts) == 0 {
		for _, ref := range v.AllRefs() {
			if dataSourceType(ref) == "" {
				return graph.False
			}
		}
		return awsManagedTemplate(v, name)
	}
	result := graph.Unknown
	for i, alt := range alts {
		s, ok := alt.AsString()
		if !ok {
			return graph.Unknown
		}
		t := graph.TriOf(isAWSManagedARN(s, name) || a.name && s == name)
		if i == 0 {
			result = t
		} else if result != t {
			return graph.Unknown
		}
	}
	return result
}

// awsManagedTemplate judges an ARN built from a template with unknown
// parts by the literal text it starts and ends with: False when that text
// cannot be the start or end of the AWS managed policy's ARN (".../
// AmazonEKSWorkerNodePolicy"), True for "arn:${partition}:iam::aws:policy/
// <name>", where the unknown part can only be the partition (anything else
// is not an ARN AWS accepts), Unknown otherwise.
func awsManagedTemplate(v graph.Value, name string) graph.Tri {
	if v.LiteralText() == "" {
		return graph.Unknown
	}
	const start = "arn:"
	end := ":iam::aws:policy/" + name
	prefix, suffix := v.LiteralPrefix(), v.LiteralSuffix()
	compatible := func(a, b string, fix func(string, string) bool) bool { return fix(a, b) || fix(b, a) }
	switch {
	case !compatible(prefix, start, strings.HasPrefix) || !compatible(suffix, end, strings.HasSuffix):
		return graph.False
	case prefix == start && suffix == end && v.LiteralText() == prefix+suffix:
		return graph.True
	}
	return graph.Unknown
}

// isAWSManagedARN reports whether arn names the AWS managed policy name in
// any partition.
func isAWSManagedARN(arn, name string) bool {
	n, ok := awsManagedPolicyName(arn)
	return ok && n == name
}

// awsManagedPolicyName is the name (with its path) of the AWS managed
// policy arn names (arn:<partition>:iam::aws:policy/[path/]name); ok is
// false when arn names no AWS managed policy.
func awsManagedPolicyName(arn string) (name string, ok bool) {
	rest, ok := strings.CutPrefix(arn, "arn:")
	if !ok {
		return "", false
	}
	partition, rest, ok := strings.Cut(rest, ":")
	if !ok || !strings.HasPrefix(partition, "aws") {
		return "", false
	}
	return strings.CutPrefix(rest, "iam::aws:policy/")
}

// managedAttachmentAdapters read the managed policies attached by ARN.
var managedAttachmentAdapters = adapters[[]*IAMManagedAttachment]{
	{graph.Terraform, "aws_iam_role_policy_attachment", func(_ *Model, r *graph.Resource) []*IAMManagedAttachment {
		return attachmentsOf(r, Attrs(r).Get("policy_arn"), "a role", graph.True, "")
	}},
	{graph.Terraform, "aws_iam_user_policy_attachment", func(_ *Model, r *graph.Resource) []*IAMManagedAttachment {
		return attachmentsOf(r, Attrs(r).Get("policy_arn"), "a user", graph.True, "")
	}},
	{graph.Terraform, "aws_iam_group_policy_attachment", func(_ *Model, r *graph.Resource) []*IAMManagedAttachment {
		return attachmentsOf(r, Attrs(r).Get("policy_arn"), "a group", graph.True, "")
	}},
	{graph.Terraform, "aws_iam_policy_attachment", func(_ *Model, r *graph.Resource) []*IAMManagedAttachment {
		a := Attrs(r)
		attached, why := anyNonEmpty(a.Get("users"), a.Get("groups"), a.Get("roles"))
		return attachmentsOf(r, a.Get("policy_arn"), "IAM users, groups or roles", attached, why)
	}},
	{graph.Terraform, "aws_iam_role_policy_attachments_exclusive", func(_ *Model, r *graph.Resource) []*IAMManagedAttachment {
		return attachmentsOf(r, Attrs(r).Get("policy_arns"), "a role", graph.True, "")
	}},
	{graph.Terraform, "aws_iam_user_policy_attachments_exclusive", func(_ *Model, r *graph.Resource) []*IAMManagedAttachment {
		return attachmentsOf(r, Attrs(r).Get("policy_arns"), "a user", graph.True, "")
	}},
	{graph.Terraform, "aws_iam_group_policy_attachments_exclusive", func(_ *Model, r *graph.Resource) []*IAMManagedAttachment {
		return attachmentsOf(r, Attrs(r).Get("policy_arns"), "a group", graph.True, "")
	}},
	{graph.Terraform, "aws_iam_role", func(_ *Model, r *graph.Resource) []*IAMManagedAttachment {
		return attachmentsOf(r, Attrs(r).Get("managed_policy_arns"), "the role", graph.True, "")
	}},
	{graph.Terraform, "aws_ssoadmin_managed_policy_attachment", func(_ *Model, r *graph.Resource) []*IAMManagedAttachment {
		return attachmentsOf(r, Attrs(r).Get("managed_policy_arn"), "a permission set", graph.True, "")
	}},
	{graph.CloudFormation, "AWS::IAM::Role", func(_ *Model, r *graph.Resource) []*IAMManagedAttachment {
		return attachmentsOf(r, Attrs(r).Get("ManagedPolicyArns"), "the role", graph.True, "")
	}},
	{graph.CloudFormation, "AWS::IAM::User", func(_ *Model, r *graph.Resource) []*IAMManagedAttachment {
		return attachmentsOf(r, Attrs(r).Get("ManagedPolicyArns"), "the user", graph.True, "")
	}},
	{graph.CloudFormation, "AWS::IAM::Group", func(_ *Model, r *graph.Resource) []*IAMManagedAttachment {
		return attachmentsOf(r, Attrs(r).Get("ManagedPolicyArns"), "the group", graph.True, "")
	}},
	{graph.CloudFormation, "AWS::SSO::PermissionSet", func(_ *Model, r *graph.Resource) []*IAMManagedAttachment {
		return attachmentsOf(r, Attrs(r).Get("ManagedPolicies"), "the permission set", graph.True, "")
	}},
	// A SAM function's Policies may name AWS managed policies (by name or
	// ARN), which are attached to its role; documents are read as inline
	// policies (samPolicies).
	{graph.CloudFormation, "AWS::Serverless::Function", samManagedPolicies},
	{graph.CloudFormation, "AWS::Serverless::StateMachine", samManagedPolicies},
}

// attachmentsOf reads the policy ARNs of a field holding one ARN or a
// list of them; an unknown list is one attachment of an unknown policy.
func attachmentsOf(r *graph.Resource, f Field, to string, attached graph.Tri, why string) []*IAMManagedAttachment {
	if !f.IsSet() || attached == graph.False {
		return nil
	}
	var out []*IAMManagedAttachment
	for _, e := range blocksOf(f) {
		if e.Value.Kind() == graph.KindObject {
			continue
		}
		out = append(out, &IAMManagedAttachment{Resource: r, At: e.Loc(), To: to, Attached: attached, Why: why, policy: e.Value})
	}
	return out
}

// samManagedPolicies reads the AWS managed policies a SAM function's
// Policies names: a string, or the strings of a list.
func samManagedPolicies(_ *Model, r *graph.Resource) []*IAMManagedAttachment {
	pols := Attrs(r).Get("Policies")
	if !pols.IsSet() || pols.Value.Kind() == graph.KindObject {
		return nil
	}
	out := attachmentsOf(r, pols, "the function's role", graph.True, "")
	for _, a := range out {
		a.name = true
	}
	return out
}

// anyNonEmpty says whether at least one of the list fields certainly has
// elements.
func anyNonEmpty(fields ...Field) (graph.Tri, string) {
	result, why := graph.False, ""
	for _, f := range fields {
		t, w := nonEmpty(f)
		if t == graph.Unknown && why == "" {
			why = w
		}
		result = result.Or(t)
	}
	return result, why
}

func buildIAMAttachments(m *Model) {
	m.IAM.ManagedAttachments = flat(m, managedAttachmentAdapters)
}
