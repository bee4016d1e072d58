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
	// Default is true for the region's default VPC, which AWS creates and
	// aws_default_vpc adopts into the configuration.
	Default bool
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

// vpcAdapters read VPCs. aws_default_vpc adopts the region's default VPC,
// which needs its logs like any other.
var vpcAdapters = adapters[*VPCNet]{
	{graph.Terraform, "aws_vpc", newVPC},
	{graph.Terraform, "aws_default_vpc", func(m *Model, r *graph.Resource) *VPCNet {
		v := newVPC(m, r)
		v.Default = true
		return v
	}},
	{graph.CloudFormation, "AWS::EC2::VPC", newVPC},
}

func newVPC(_ *Model, r *graph.Resource) *VPCNet {
	return &VPCNet{Resource: r, FlowLogged: graph.False, QueryLogged: graph.False}
}

// vpcLog is a flow log or a DNS query log association before it is
// joined to the VPC it captures: the resource and the argument naming the
// VPC.
type vpcLog struct {
	res *graph.Resource
	vpc Field
}

// flowLogAdapters read the flow logs that capture a VPC (not a subnet or
// network interface).
var flowLogAdapters = adapters[[]vpcLog]{
	{graph.Terraform, "aws_flow_log", func(_ *Model, r *graph.Resource) []vpcLog {
		return []vpcLog{{r, Attrs(r).Get("vpc_id")}}
	}},
	{graph.CloudFormation, "AWS::EC2::FlowLog", func(_ *Model, r *graph.Resource) []vpcLog {
		a := Attrs(r)
		if EqualFold(StringOf(a.Get("ResourceType"), nil), "VPC") == graph.False {
			return nil
		}
		return []vpcLog{{r, a.Get("ResourceId")}}
	}},
}

var queryLogAdapters = adapters[vpcLog]{
	{graph.Terraform, "aws_route53_resolver_query_log_config_association", func(_ *Model, r *graph.Resource) vpcLog {
		return vpcLog{r, Attrs(r).Get("resource_id")}
	}},
	{graph.CloudFormation, "AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation", func(_ *Model, r *graph.Resource) vpcLog {
		return vpcLog{r, Attrs(r).Get("ResourceId")}
	}},
}

// defaultGroupRuleAdapters read the rules a VPC's default security group
// keeps (its own blocks) or is given (rule resources naming it).
var defaultGroupRuleAdapters = adapters[[]*DefaultGroupRule]{
	{graph.Terraform, "aws_default_security_group", func(_ *Model, r *graph.Resource) []*DefaultGroupRule {
		a := Attrs(r)
		var out []*DefaultGroupRule
		for _, dir := range []string{"ingress", "egress"} {
			for _, b := range blocksOf(a.Get(dir)) {
				rule := &DefaultGroupRule{Resource: r, At: KeyLoc(b), Direction: dir}
				if !b.Value.IsKnown() {
					rule.Why = b.Value.Why()
				}
				out = append(out, rule)
			}
		}
		return out
	}},
	{graph.Terraform, "aws_security_group_rule", func(m *Model, r *graph.Resource) []*DefaultGroupRule {
		a := Attrs(r)
		dir, _ := a.Get("type").Value.AsString()
		return addedToDefaultGroup(m, r, a.Get("security_group_id"), dir, terraformDefaultGroup)
	}},
	{graph.Terraform, "aws_vpc_security_group_ingress_rule", func(m *Model, r *graph.Resource) []*DefaultGroupRule {
		return addedToDefaultGroup(m, r, Attrs(r).Get("security_group_id"), "ingress", terraformDefaultGroup)
	}},
	{graph.Terraform, "aws_vpc_security_group_egress_rule", func(m *Model, r *graph.Resource) []*DefaultGroupRule {
		return addedToDefaultGroup(m, r, Attrs(r).Get("security_group_id"), "egress", terraformDefaultGroup)
	}},
	{graph.CloudFormation, "AWS::EC2::SecurityGroupIngress", func(m *Model, r *graph.Resource) []*DefaultGroupRule {
		return addedToDefaultGroup(m, r, Attrs(r).Get("GroupId"), "ingress", cloudFormationDefaultGroup)
	}},
	{graph.CloudFormation, "AWS::EC2::SecurityGroupEgress", func(m *Model, r *graph.Resource) []*DefaultGroupRule {
		return addedToDefaultGroup(m, r, Attrs(r).Get("GroupId"), "egress", cloudFormationDefaultGroup)
	}},
}

// terraformDefaultGroup reports whether a reference designates a default
// security group: an aws_default_security_group, or the default group of
// an aws_vpc.
func terraformDefaultGroup(target *graph.Resource, ref graph.Ref) bool {
	return target.Type == "aws_default_security_group" ||
		target.Type == "aws_vpc" && ref.Attr == "default_security_group_id"
}

// cloudFormationDefaultGroup reports whether a reference designates a
// VPC's default security group (Fn::GetAtt VPC.DefaultSecurityGroup).
func cloudFormationDefaultGroup(target *graph.Resource, ref graph.Ref) bool {
	return target.Type == "AWS::EC2::VPC" && ref.Attr == "DefaultSecurityGroup"
}

// addedToDefaultGroup is the rule resource r as a default group rule when
// its group argument refers to a default group.
func addedToDefaultGroup(m *Model, r *graph.Resource, group Field, dir string, isDefault func(*graph.Resource, graph.Ref) bool) []*DefaultGroupRule {
	if !group.IsSet() {
		return nil
	}
	for _, ref := range group.Value.AllRefs() {
		if target := m.index.Resolve(r, ref); target != nil && isDefault(target, ref) {
			return []*DefaultGroupRule{{Resource: r, At: group.Loc(), Direction: dir}}
		}
	}
	return nil
}

// naclEntryAdapters read network ACL entries. aws_default_network_acl
// adopts a VPC's default ACL: its blocks are then the only entries, like
// those of a new ACL.
var naclEntryAdapters = adapters[[]*NACLEntry]{
	{graph.Terraform, "aws_network_acl", inlineNACLEntries},
	{graph.Terraform, "aws_default_network_acl", inlineNACLEntries},
	{graph.Terraform, "aws_network_acl_rule", func(m *Model, r *graph.Resource) []*NACLEntry {
		a := Attrs(r)
		return []*NACLEntry{splitNACLEntry(r, a, terraformNACLKeys,
			onlyReferenced(m.index, r, a.Get("network_acl_id"), "aws_network_acl", "aws_default_network_acl"))}
	}},
	{graph.CloudFormation, "AWS::EC2::NetworkAclEntry", func(m *Model, r *graph.Resource) []*NACLEntry {
		a := Attrs(r)
		return []*NACLEntry{splitNACLEntry(r, a, cloudFormationNACLKeys,
			onlyReferenced(m.index, r, a.Get("NetworkAclId"), "AWS::EC2::NetworkAcl"))}
	}},
}

func inlineNACLEntries(_ *Model, r *graph.Resource) []*NACLEntry {
	a := Attrs(r)
	var out []*NACLEntry
	for _, dir := range []string{"ingress", "egress"} {
		for _, b := range blocksOf(a.Get(dir)) {
			e := naclEntry(r, b, inlineNACLKeys)
			e.ACL, e.At = r, KeyLoc(b)
			e.Ingress = Known(dir == "ingress", true, KeyLoc(b))
			out = append(out, e)
		}
	}
	return out
}

// splitNACLEntry reads an entry resource of its own, which belongs to acl.
func splitNACLEntry(r *graph.Resource, a Field, keys naclKeys, acl *graph.Resource) *NACLEntry {
	e := naclEntry(r, a, keys)
	e.Ingress = Map(BoolOf(a.Get(keys.egress), Ptr(false)), func(b bool) bool { return !b })
	e.ACL = acl
	e.At = r.Loc()
	if e.CIDR.Set {
		e.At = e.CIDR.At
	}
	return e
}

func buildVPC(m *Model) {
	flowLogs := flat(m, flowLogAdapters)
	queryLogs := queryLogAdapters.all(m)
	for _, v := range vpcAdapters.all(m) {
		r := v.Resource
		for _, fl := range flowLogs {
			t := sameUnitMaybe(targets(m.index, fl.res, fl.vpc, r, Default("", fl.res.Loc())), fl.res, r)
			v.FlowLogged = v.FlowLogged.Or(t.And(fl.res.Exists))
			switch {
			case v.FlowWhy != "":
			case t == graph.Unknown:
				v.FlowWhy = "which VPC flow log " + fl.res.Address + " captures is not known: " + fl.vpc.Value.Why()
			case t == graph.True && fl.res.Exists == graph.Unknown:
				v.FlowWhy = "whether flow log " + fl.res.Address + " is created is not known: " + fl.res.ExistsWhy
			}
		}
		for _, ql := range queryLogs {
			t := sameUnitMaybe(targets(m.index, ql.res, ql.vpc, r, Default("", ql.res.Loc())), ql.res, r)
			v.QueryLogged = v.QueryLogged.Or(t.And(ql.res.Exists))
			switch {
			case v.QueryWhy != "":
			case t == graph.Unknown:
				v.QueryWhy = "which VPC " + ql.res.Address + " logs DNS queries for is not known: " + ql.vpc.Value.Why()
			case t == graph.True && ql.res.Exists == graph.Unknown:
				v.QueryWhy = "whether query log association " + ql.res.Address + " is created is not known: " + ql.res.ExistsWhy
			}
		}
		if v.FlowLogged == graph.False {
			if w := m.UnreadReceivingWhy(r, String{}, "a flow log for it"); w != "" {
				v.FlowLogged, v.FlowWhy = graph.Unknown, w
			}
		}
		if v.QueryLogged == graph.False {
			if w := m.UnreadReceivingWhy(r, String{}, "a query log association for it"); w != "" {
				v.QueryLogged, v.QueryWhy = graph.Unknown, w
			}
		}
		m.VPC.VPCs = append(m.VPC.VPCs, v)
	}
	m.VPC.DefaultGroupRules = flat(m, defaultGroupRuleAdapters)
	m.VPC.NACLEntries = flat(m, naclEntryAdapters)
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

// DeniedEarlier reports whether an entry of the same ACL (inline or split)
// in the same direction with a lower rule number denies port from the same
// CIDR before e is reached.
func (v *VPC) DeniedEarlier(e *NACLEntry, port int) bool {
	return v.deniedEarlier(e, func(o *NACLEntry) bool {
		from, ok := o.FromPort.Get()
		to, ok2 := o.ToPort.Get()
		return ok && ok2 && from <= port && port <= to
	})
}

// DeniedAllEarlier reports whether an entry of the same ACL in the same
// direction with a lower rule number denies every protocol from the same
// CIDR before e is reached, so that e never applies.
func (v *VPC) DeniedAllEarlier(e *NACLEntry) bool {
	return v.deniedEarlier(e, func(*NACLEntry) bool { return false })
}

// deniedEarlier reports whether a lower-numbered deny entry of e's ACL,
// direction and CIDR covers every protocol, or the traffic covers says.
func (v *VPC) deniedEarlier(e *NACLEntry, covers func(*NACLEntry) bool) bool {
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
		if !ok || !ok2 || on >= n || ocidr != cidr || IsTrue(o.Allow) != graph.False ||
			IsTrue(o.Ingress) != IsTrue(e.Ingress) {
			continue
		}
		if o.AllProtocols() == graph.True || covers(o) {
			return true
		}
	}
	return false
}

// AllProtocols is True when the entry matches every protocol ("-1" or
// "all"); AWS then ignores its port range.
func (n *NACLEntry) AllProtocols() graph.Tri {
	return n.Protocol.Test(func(s string) bool { return s == "-1" || strings.EqualFold(s, "all") })
}

// EqualFoldBool maps a string attribute to whether it equals want, case
// insensitively, keeping its location and alternatives.
func EqualFoldBool(s String, want string) Bool {
	return Map(s, func(v string) bool { return strings.EqualFold(v, want) })
}
