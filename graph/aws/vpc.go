package aws

import (
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
)

// VPC holds VPCs with what logs them, default security group rules and
// network ACL entries.
type VPC struct {
	VPCs []*VPCNet
	// DefaultGroupRules are rules kept on, or added to, a VPC's default
	// security group.
	DefaultGroupRules []*DefaultGroupRule
	// NACLEntries are network ACL entries, inline or split.
	NACLEntries []*NACLEntry
}

// VPCNet is a VPC.
type VPCNet struct {
	Resource *graph.Resource
	// FlowLogged is True when a flow log in the code captures the VPC,
	// Unknown when a flow log's target is not known.
	FlowLogged graph.Tri
	FlowWhy    string
	// QueryLogged is the same for Route 53 Resolver query logging.
	QueryLogged graph.Tri
	QueryWhy    string
}

// DefaultGroupRule is a rule on a default security group.
type DefaultGroupRule struct {
	// Resource is the aws_default_security_group or the split rule.
	Resource *graph.Resource
	At       graph.Loc
	// Direction is "ingress" or "egress".
	Direction string
	// Why is set when whether the rule exists is not known (a dynamic
	// block over an unknown collection).
	Why string
}

// Loc locates the rule.
func (d *DefaultGroupRule) Loc() graph.Loc { return d.At }

// NACLEntry is an inbound or outbound network ACL rule.
type NACLEntry struct {
	Resource *graph.Resource
	// ACL is the network ACL the entry belongs to: the resource itself for
	// inline entries, the referenced ACL for split ones (nil when it is not
	// known).
	ACL     *graph.Resource
	At      graph.Loc
	Ingress Bool
	Allow   Bool
	// Protocol is "-1" for all, or a protocol number or name.
	Protocol String
	CIDR     String
	FromPort Int
	ToPort   Int
	// RuleNumber orders the entries of one ACL: the lowest matching
	// number decides.
	RuleNumber Int
}

// Loc locates the entry.
func (n *NACLEntry) Loc() graph.Loc { return n.At }

func buildVPC(m *Model) {
	flowLogs := m.index.OfType("aws_flow_log", "AWS::EC2::FlowLog")
	queryLogs := m.index.OfType("aws_route53_resolver_query_log_config_association", "AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation")
	// aws_default_vpc adopts the region's default VPC, which needs its
	// logs like any other.
	for _, r := range m.index.OfType("aws_vpc", "aws_default_vpc", "AWS::EC2::VPC") {
		v := &VPCNet{Resource: r, FlowLogged: graph.False, QueryLogged: graph.False}
		for _, fl := range flowLogs {
			a := Attrs(fl)
			field := a.Get("vpc_id")
			if fl.Format == graph.CloudFormation {
				field = a.Get("ResourceId")
				if EqualFold(StringOf(a.Get("ResourceType"), nil), "VPC") == graph.False {
					continue
				}
			}
			t := sameUnitMaybe(targets(m.index, fl, field, r, Default("", fl.Loc())), fl, r)
			v.FlowLogged = v.FlowLogged.Or(t.And(fl.Exists))
			switch {
			case v.FlowWhy != "":
			case t == graph.Unknown:
				v.FlowWhy = "which VPC flow log " + fl.Address + " captures is not known: " + field.Value.Why()
			case t == graph.True && fl.Exists == graph.Unknown:
				v.FlowWhy = "whether flow log " + fl.Address + " is created is not known: " + fl.ExistsWhy
			}
		}
		for _, ql := range queryLogs {
			field := Attrs(ql).Get("resource_id")
			if ql.Format == graph.CloudFormation {
				field = Attrs(ql).Get("ResourceId")
			}
			t := sameUnitMaybe(targets(m.index, ql, field, r, Default("", ql.Loc())), ql, r)
			v.QueryLogged = v.QueryLogged.Or(t.And(ql.Exists))
			switch {
			case v.QueryWhy != "":
			case t == graph.Unknown:
				v.QueryWhy = "which VPC " + ql.Address + " logs DNS queries for is not known: " + field.Value.Why()
			case t == graph.True && ql.Exists == graph.Unknown:
				v.QueryWhy = "whether query log association " + ql.Address + " is created is not known: " + ql.ExistsWhy
			}
		}
		m.VPC.VPCs = append(m.VPC.VPCs, v)
	}

	for _, r := range m.index.OfType("aws_default_security_group") {
		a := Attrs(r)
		for _, dir := range []string{"ingress", "egress"} {
			for _, b := range blocksOf(a.Get(dir)) {
				rule := &DefaultGroupRule{Resource: r, At: KeyLoc(b), Direction: dir}
				if !b.Value.IsKnown() {
					rule.Why = b.Value.Why()
				}
				m.VPC.DefaultGroupRules = append(m.VPC.DefaultGroupRules, rule)
			}
		}
	}
	// Split rules added to a default group: by reference to an
	// aws_default_security_group, or to a VPC's default_security_group_id
	// (CloudFormation: Fn::GetAtt VPC.DefaultSecurityGroup).
	splits := []struct{ typ, field, dir string }{
		{"aws_security_group_rule", "security_group_id", ""},
		{"aws_vpc_security_group_ingress_rule", "security_group_id", "ingress"},
		{"aws_vpc_security_group_egress_rule", "security_group_id", "egress"},
		{"AWS::EC2::SecurityGroupIngress", "GroupId", "ingress"},
		{"AWS::EC2::SecurityGroupEgress", "GroupId", "egress"},
	}
	for _, s := range splits {
		for _, r := range m.index.OfType(s.typ) {
			a := Attrs(r)
			f := a.Get(s.field)
			if !f.IsSet() {
				continue
			}
			dir := s.dir
			if dir == "" {
				dir, _ = a.Get("type").Value.AsString()
			}
			for _, ref := range f.Value.AllRefs() {
				target := m.index.Resolve(r, ref)
				if target == nil {
					continue
				}
				isDefault := target.Type == "aws_default_security_group" ||
					(target.Type == "aws_vpc" && ref.Attr == "default_security_group_id") ||
					(target.Type == "AWS::EC2::VPC" && ref.Attr == "DefaultSecurityGroup")
				if isDefault {
					m.VPC.DefaultGroupRules = append(m.VPC.DefaultGroupRules, &DefaultGroupRule{Resource: r, At: f.Loc(), Direction: dir})
					break
				}
			}
		}
	}

	// aws_default_network_acl adopts a VPC's default ACL: its blocks are
	// then the only entries, like those of a new ACL.
	for _, r := range m.index.OfType("aws_network_acl", "aws_default_network_acl") {
		a := Attrs(r)
		for _, dir := range []string{"ingress", "egress"} {
			for _, b := range blocksOf(a.Get(dir)) {
				e := naclEntry(r, b, inlineNACLKeys)
				e.ACL, e.At = r, KeyLoc(b)
				e.Ingress = Known(dir == "ingress", true, KeyLoc(b))
				m.VPC.NACLEntries = append(m.VPC.NACLEntries, e)
			}
		}
	}
	for _, r := range m.index.OfType("aws_network_acl_rule", "AWS::EC2::NetworkAclEntry") {
		a := Attrs(r)
		keys, acl, aclTypes := terraformNACLKeys, a.Get("network_acl_id"), []string{"aws_network_acl", "aws_default_network_acl"}
		if r.Format == graph.CloudFormation {
			keys, acl, aclTypes = cloudFormationNACLKeys, a.Get("NetworkAclId"), []string{"AWS::EC2::NetworkAcl"}
		}
		e := naclEntry(r, a, keys)
		e.Ingress = Map(BoolOf(a.Get(keys.egress), Ptr(false)), func(b bool) bool { return !b })
		e.ACL = onlyReferenced(m.index, r, acl, aclTypes...)
		e.At = r.Loc()
		if e.CIDR.Set {
			e.At = e.CIDR.At
		}
		m.VPC.NACLEntries = append(m.VPC.NACLEntries, e)
	}
}

// naclKeys names the settings of a network ACL entry in one of its forms.
type naclKeys struct {
	egress, action, protocol, cidr, ipv6, rule string
	// from and to read the port range; toDefault applies when to is unset.
	from, to  func(Field) Field
	toDefault int
}

var (
	inlineNACLKeys = naclKeys{action: "action", protocol: "protocol", cidr: "cidr_block", ipv6: "ipv6_cidr_block", rule: "rule_no",
		from: func(f Field) Field { return f.Get("from_port") }, to: func(f Field) Field { return f.Get("to_port") }}
	terraformNACLKeys = naclKeys{egress: "egress", action: "rule_action", protocol: "protocol", cidr: "cidr_block", ipv6: "ipv6_cidr_block", rule: "rule_number",
		from: func(f Field) Field { return f.Get("from_port") }, to: func(f Field) Field { return f.Get("to_port") }}
	cloudFormationNACLKeys = naclKeys{egress: "Egress", action: "RuleAction", protocol: "Protocol", cidr: "CidrBlock", ipv6: "Ipv6CidrBlock", rule: "RuleNumber",
		from: func(f Field) Field { return f.Get("PortRange").Get("From") }, to: func(f Field) Field { return f.Get("PortRange").Get("To") }, toDefault: 65535}
)

// naclEntry reads the settings every form of an ACL entry shares.
func naclEntry(r *graph.Resource, f Field, k naclKeys) *NACLEntry {
	cidr := f.Get(k.cidr)
	if !cidr.IsSet() {
		cidr = f.Get(k.ipv6)
	}
	return &NACLEntry{Resource: r,
		Allow:    EqualFoldBool(StringOf(f.Get(k.action), nil), "allow"),
		Protocol: StringOf(f.Get(k.protocol), nil),
		CIDR:     StringOf(cidr, Ptr("")),
		FromPort: IntOf(k.from(f), Ptr(0)), ToPort: IntOf(k.to(f), Ptr(k.toDefault)),
		RuleNumber: IntOf(f.Get(k.rule), nil),
	}
}

// sameUnitMaybe keeps an undetermined target only when the split resource
// is in the same unit as the parent: one in another template or root
// module whose target is not known is not assumed to be about it.
func sameUnitMaybe(t graph.Tri, split, parent *graph.Resource) graph.Tri {
	if t == graph.Unknown && split.Unit != parent.Unit {
		return graph.False
	}
	return t
}

// onlyReferenced is the one resource of the given types that f refers to,
// or nil when there is none or several.
func onlyReferenced(ix *Index, from *graph.Resource, f Field, types ...string) *graph.Resource {
	if !f.IsSet() {
		return nil
	}
	found := ix.Referenced(from, f.Value, types...)
	if len(found) != 1 {
		return nil
	}
	return found[0]
}

// DeniedEarlier reports whether an entry of the same ACL (inline or split)
// in the same direction with a lower rule number denies port from the same
// CIDR before e is reached.
func (v *VPC) DeniedEarlier(e *NACLEntry, port int) bool {
	n, ok := e.RuleNumber.Get()
	cidr, ok2 := e.CIDR.Get()
	if !ok || !ok2 {
		return false
	}
	for _, o := range v.NACLEntries {
		if o == e || e.ACL == nil || o.ACL != e.ACL {
			continue
		}
		on, ok := o.RuleNumber.Get()
		ocidr, ok2 := o.CIDR.Get()
		from, ok3 := o.FromPort.Get()
		to, ok4 := o.ToPort.Get()
		allProtocols := o.Protocol.Test(func(s string) bool { return s == "-1" || strings.EqualFold(s, "all") }) == graph.True
		if !ok || !ok2 || !ok3 || !ok4 || on >= n || ocidr != cidr || IsTrue(o.Allow) != graph.False ||
			IsTrue(o.Ingress) != IsTrue(e.Ingress) {
			continue
		}
		if allProtocols || from <= port && port <= to {
			return true
		}
	}
	return false
}

// EqualFoldBool maps a string attribute to whether it equals want, case
// insensitively, keeping its location and alternatives.
func EqualFoldBool(s String, want string) Bool {
	return Map(s, func(v string) bool { return strings.EqualFold(v, want) })
}
