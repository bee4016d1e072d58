package aws

import (
	"github.com/blindspot-iac/blindspot/graph"
)

// IAMGroup is an IAM group with the identity policies the scan sees on it.
type IAMGroup struct {
	Resource *graph.Resource
	// Name is the group's name ("" for a CloudFormation group without
	// GroupName, whose generated name no other template can write).
	Name String
	// Policies are the policy documents the group certainly holds: its
	// inline policies and the customer managed policies of the code
	// attached to it.
	Policies []*IAMPolicy
	// AWSManaged counts the AWS managed policies attached to it.
	AWSManaged int
	// Unseen says, for each policy the group may hold whose document the
	// scan cannot read (a managed policy given by an ARN that is not known
	// or not of the code, an attachment whose group is not known), why.
	Unseen []string
}

// groupGrant is a resource that puts policies on groups: an inline policy,
// a policy attachment, a group with its own policies.
type groupGrant struct {
	res *graph.Resource
	// own is set for a group's own policies, which apply to res itself;
	// groups are the fields naming the groups it applies to otherwise.
	own    bool
	groups []Field
	// documents are the inline documents it puts on them; policies the
	// managed policy ARNs it attaches.
	documents bool
	policies  []Field
}

// groupGrantAdapters read what puts policies on IAM groups.
var groupGrantAdapters = adapters[*groupGrant]{
	{graph.Terraform, "aws_iam_group_policy", func(_ *Model, r *graph.Resource) *groupGrant {
		return &groupGrant{res: r, groups: []Field{Attrs(r).Get("group")}, documents: true}
	}},
	{graph.Terraform, "aws_iam_group_policy_attachment", func(_ *Model, r *graph.Resource) *groupGrant {
		a := Attrs(r)
		return &groupGrant{res: r, groups: []Field{a.Get("group")}, policies: blocksOf(a.Get("policy_arn"))}
	}},
	{graph.Terraform, "aws_iam_group_policy_attachments_exclusive", func(_ *Model, r *graph.Resource) *groupGrant {
		a := Attrs(r)
		return &groupGrant{res: r, groups: []Field{a.Get("group_name")}, policies: blocksOf(a.Get("policy_arns"))}
	}},
	{graph.Terraform, "aws_iam_policy_attachment", func(_ *Model, r *graph.Resource) *groupGrant {
		a := Attrs(r)
		return &groupGrant{res: r, groups: blocksOf(a.Get("groups")), policies: blocksOf(a.Get("policy_arn"))}
	}},
	{graph.CloudFormation, "AWS::IAM::Group", func(_ *Model, r *graph.Resource) *groupGrant {
		return &groupGrant{res: r, own: true, documents: true, policies: blocksOf(Attrs(r).Get("ManagedPolicyArns"))}
	}},
	{graph.CloudFormation, "AWS::IAM::GroupPolicy", func(_ *Model, r *graph.Resource) *groupGrant {
		return &groupGrant{res: r, groups: []Field{Attrs(r).Get("GroupName")}, documents: true}
	}},
	{graph.CloudFormation, "AWS::IAM::Policy", func(_ *Model, r *graph.Resource) *groupGrant {
		return &groupGrant{res: r, groups: blocksOf(Attrs(r).Get("Groups")), documents: true}
	}},
	{graph.CloudFormation, "AWS::IAM::ManagedPolicy", func(_ *Model, r *graph.Resource) *groupGrant {
		return &groupGrant{res: r, groups: blocksOf(Attrs(r).Get("Groups")), documents: true}
	}},
}

var iamGroupAdapters = adapters[*IAMGroup]{
	{graph.Terraform, "aws_iam_group", func(_ *Model, r *graph.Resource) *IAMGroup {
		return &IAMGroup{Resource: r, Name: StringOf(Attrs(r).Get("name"), nil)}
	}},
	{graph.CloudFormation, "AWS::IAM::Group", func(_ *Model, r *graph.Resource) *IAMGroup {
		return &IAMGroup{Resource: r, Name: StringOf(Attrs(r).Get("GroupName"), Ptr(""))}
	}},
}

// buildIAMGroups joins the groups with the policies put on them. It runs
// after the policies are read.
func buildIAMGroups(m *Model) {
	m.IAM.Groups = iamGroupAdapters.all(m)
	documents := map[*graph.Resource][]*IAMPolicy{}
	for _, p := range m.IAM.Policies {
		documents[p.Resource] = append(documents[p.Resource], p)
	}
	grants := groupGrantAdapters.all(m)
	for _, g := range m.IAM.Groups {
		m.names = append(m.names, g.Name)
		for _, gr := range grants {
			t, why := gr.appliesTo(m, g)
			switch t {
			case graph.False:
				continue
			case graph.Unknown:
				g.Unseen = append(g.Unseen, why)
				continue
			}
			if gr.documents {
				g.Policies = append(g.Policies, documents[gr.res]...)
			}
			for _, arn := range gr.policies {
				g.attach(m, gr.res, arn, documents)
			}
		}
	}
	for _, gr := range grants {
		m.targets = append(m.targets, gr.groups...)
	}
}

// appliesTo says whether the grant applies to group g, and why that is not
// known.
func (gr *groupGrant) appliesTo(m *Model, g *IAMGroup) (graph.Tri, string) {
	if gr.own {
		return graph.TriOf(gr.res == g.Resource), ""
	}
	result := graph.False
	for _, f := range gr.groups {
		t := sameUnitMaybe(targets(m.index, gr.res, f, g.Resource, g.Name), gr.res, g.Resource)
		if t == graph.True {
			return t, ""
		}
		result = result.Or(t)
	}
	return result, "whether " + gr.res.Address + " puts a policy on " + g.Resource.Address + " is not known"
}

// attach adds the managed policy whose ARN is in f to the group.
func (g *IAMGroup) attach(m *Model, from *graph.Resource, f Field, documents map[*graph.Resource][]*IAMPolicy) {
	if r := onlyReferenced(m.index, from, f, "aws_iam_policy", "AWS::IAM::ManagedPolicy"); r != nil {
		g.Policies = append(g.Policies, documents[r]...)
		return
	}
	if s, ok := f.Value.AsString(); ok && f.IsSet() {
		if _, managed := awsManagedPolicyName(s); managed {
			g.AWSManaged++
			return
		}
		g.Unseen = append(g.Unseen, from.Address+" attaches "+s+", a policy the scan does not read")
		return
	}
	g.Unseen = append(g.Unseen, "the policy "+from.Address+" attaches is not known ("+f.Value.Why()+")")
}
