package aws

import (
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
)

// EC2 holds the EC2 and VPC networking resources of the model.
type EC2 struct {
	SecurityGroups []*SecurityGroup
	// IngressRules holds every ingress rule, inline or split, including
	// split rules whose group is not in the scanned code.
	IngressRules []*SecurityGroupRule
}

// SecurityGroup is a security group with every rule that applies to it,
// inline or from split rule resources.
type SecurityGroup struct {
	Resource *graph.Resource
	Name     String
	// Default is true for the VPC's default group
	// (aws_default_security_group).
	Default bool
	Ingress []*SecurityGroupRule
	Egress  []*SecurityGroupRule
}

// SecurityGroupRule is one ingress or egress rule.
type SecurityGroupRule struct {
	// Resource is where the rule is written: the group itself for inline
	// rules, the rule resource for split ones.
	Resource *graph.Resource
	// At locates the rule (its block or list element, or the resource).
	At graph.Loc
	// Group is the group the rule belongs to; nil when it is not in the
	// scanned code or cannot be determined.
	Group *SecurityGroup
	// Ingress is true for ingress rules.
	Ingress bool
	// Protocol is normalised to lower case; "-1" means all protocols.
	Protocol String
	FromPort Int
	ToPort   Int
	// CIDRs are the IPv4 and IPv6 source (or destination) ranges.
	CIDRs Attr[[]string]
	// PeerGroups and PrefixLists are true when the rule names another
	// security group, itself, or a prefix list as peer.
	PeerGroup  bool
	PrefixList bool
}

// AllProtocols reports whether the rule covers every protocol.
func (r *SecurityGroupRule) AllProtocols() graph.Tri {
	return r.Protocol.Test(func(p string) bool { return p == "-1" || p == "all" })
}

// OpenToInternet is True when a source range is 0.0.0.0/0 or ::/0.
func (r *SecurityGroupRule) OpenToInternet() graph.Tri {
	return r.CIDRs.Test(func(cidrs []string) bool {
		for _, c := range cidrs {
			if IsInternet(c) {
				return true
			}
		}
		return false
	})
}

// IsInternet reports whether a CIDR covers the whole IPv4 or IPv6 internet.
func IsInternet(cidr string) bool {
	switch strings.TrimSpace(cidr) {
	case "0.0.0.0/0", "::/0", "0::/0", "0000:0000:0000:0000:0000:0000:0000:0000/0":
		return true
	}
	return false
}

// PortRange returns the rule's port range when known; all-protocol rules
// and ports of -1 cover every port.
func (r *SecurityGroupRule) PortRange() (from, to int, known bool) {
	if r.AllProtocols().IsTrue() {
		return 0, 65535, true
	}
	f, okf := r.FromPort.Get()
	t, okt := r.ToPort.Get()
	if !okf || !okt {
		return 0, 0, false
	}
	if f == -1 || t == -1 {
		return 0, 65535, true
	}
	return f, t, true
}

func buildEC2(m *Model) {
	ix := m.index
	byRes := map[*graph.Resource]*SecurityGroup{}
	for _, r := range ix.OfType("aws_security_group", "aws_default_security_group", "AWS::EC2::SecurityGroup") {
		a := Attrs(r)
		g := &SecurityGroup{Resource: r, Default: r.Type == "aws_default_security_group"}
		byRes[r] = g
		if r.Format == graph.CloudFormation {
			g.Name = StringOf(a.Get("GroupName"), nil)
			g.Ingress = cfnRules(r, a.Get("SecurityGroupIngress"), g, true)
			g.Egress = cfnRules(r, a.Get("SecurityGroupEgress"), g, false)
		} else {
			g.Name = StringOf(a.Get("name"), nil)
			g.Ingress = tfInlineRules(r, a.Get("ingress"), g, true)
			g.Egress = tfInlineRules(r, a.Get("egress"), g, false)
		}
		m.EC2.SecurityGroups = append(m.EC2.SecurityGroups, g)
		m.EC2.IngressRules = append(m.EC2.IngressRules, g.Ingress...)
	}
	groupOf := func(r *graph.Resource, f Field) *SecurityGroup {
		for _, g := range m.EC2.SecurityGroups {
			if targets(ix, r, f, g.Resource, g.Name).IsTrue() {
				return g
			}
		}
		return nil
	}
	for _, r := range ix.OfType("aws_security_group_rule", "aws_vpc_security_group_ingress_rule",
		"aws_vpc_security_group_egress_rule", "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress") {
		a := Attrs(r)
		var rule *SecurityGroupRule
		var group Field
		switch r.Type {
		case "aws_security_group_rule":
			typ := StringOf(a.Get("type"), nil)
			ingress := Equals(typ, "ingress")
			if ingress.IsFalse() {
				// An egress rule; not modelled as ingress.
				rule = tfRule(r, a, false)
			} else {
				rule = tfRule(r, a, true)
				if ingress == graph.Unknown {
					rule.CIDRs = UnknownAttr[[]string]("whether "+r.Address+" is an ingress rule is not known", rule.At)
				}
			}
			group = a.Get("security_group_id")
		case "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule":
			rule = tfVPCRule(r, a, r.Type == "aws_vpc_security_group_ingress_rule")
			group = a.Get("security_group_id")
		default:
			rule = cfnRule(r, a, r.Loc(), r.Type == "AWS::EC2::SecurityGroupIngress")
			group = a.Get("GroupId")
			if !group.IsSet() {
				group = a.Get("GroupName")
			}
		}
		rule.Group = groupOf(r, group)
		if g := rule.Group; g != nil {
			if rule.Ingress {
				g.Ingress = append(g.Ingress, rule)
			} else {
				g.Egress = append(g.Egress, rule)
			}
		}
		if rule.Ingress {
			m.EC2.IngressRules = append(m.EC2.IngressRules, rule)
		}
	}
}

func tfInlineRules(r *graph.Resource, f Field, g *SecurityGroup, ingress bool) []*SecurityGroupRule {
	blocks, ok := f.Blocks()
	if !ok {
		return []*SecurityGroupRule{unknownRule(r, f, g, ingress)}
	}
	var out []*SecurityGroupRule
	for _, b := range blocks {
		rule := tfRule(r, b, ingress)
		rule.At = b.Loc()
		rule.Group = g
		out = append(out, rule)
	}
	return out
}

// unknownRule stands for a rule list that is itself unknown (a dynamic
// block over an unknown collection, a Fn::If): one rule that might be
// anything.
func unknownRule(r *graph.Resource, f Field, g *SecurityGroup, ingress bool) *SecurityGroupRule {
	rule := &SecurityGroupRule{Resource: r, At: f.Loc(), Group: g, Ingress: ingress}
	why := f.Value.Why()
	rule.CIDRs = UnknownAttr[[]string](why, rule.At)
	rule.Protocol = UnknownAttr[string](why, rule.At)
	rule.FromPort = UnknownAttr[int](why, rule.At)
	rule.ToPort = UnknownAttr[int](why, rule.At)
	return rule
}

// tfRule reads the arguments shared by inline rules and
// aws_security_group_rule.
func tfRule(r *graph.Resource, a Field, ingress bool) *SecurityGroupRule {
	rule := &SecurityGroupRule{Resource: r, At: r.Loc(), Ingress: ingress}
	rule.Protocol = Map(StringOf(a.Get("protocol"), nil), strings.ToLower)
	rule.FromPort = IntOf(a.Get("from_port"), nil)
	rule.ToPort = IntOf(a.Get("to_port"), nil)
	rule.CIDRs = concatStrings(StringsOf(a.Get("cidr_blocks")), StringsOf(a.Get("ipv6_cidr_blocks")))
	rule.PeerGroup = a.Get("security_groups").IsSet() || a.Get("source_security_group_id").IsSet() || isTrueLiteral(a.Get("self"))
	rule.PrefixList = a.Get("prefix_list_ids").IsSet()
	return rule
}

func tfVPCRule(r *graph.Resource, a Field, ingress bool) *SecurityGroupRule {
	rule := &SecurityGroupRule{Resource: r, At: r.Loc(), Ingress: ingress}
	rule.Protocol = Map(StringOf(a.Get("ip_protocol"), nil), strings.ToLower)
	rule.FromPort = IntOf(a.Get("from_port"), Ptr(-1))
	rule.ToPort = IntOf(a.Get("to_port"), Ptr(-1))
	rule.CIDRs = concatStrings(optionalString(a.Get("cidr_ipv4")), optionalString(a.Get("cidr_ipv6")))
	rule.PeerGroup = a.Get("referenced_security_group_id").IsSet()
	rule.PrefixList = a.Get("prefix_list_id").IsSet()
	return rule
}

func cfnRules(r *graph.Resource, f Field, g *SecurityGroup, ingress bool) []*SecurityGroupRule {
	blocks, ok := f.Blocks()
	if !ok {
		return []*SecurityGroupRule{unknownRule(r, f, g, ingress)}
	}
	var out []*SecurityGroupRule
	for _, b := range blocks {
		rule := cfnRule(r, b, b.Loc(), ingress)
		rule.Group = g
		out = append(out, rule)
	}
	return out
}

func cfnRule(r *graph.Resource, a Field, at graph.Loc, ingress bool) *SecurityGroupRule {
	rule := &SecurityGroupRule{Resource: r, At: at, Ingress: ingress}
	rule.Protocol = Map(StringOf(a.Get("IpProtocol"), nil), normaliseCFNProtocol)
	rule.FromPort = IntOf(a.Get("FromPort"), Ptr(-1))
	rule.ToPort = IntOf(a.Get("ToPort"), Ptr(-1))
	// Ingress and egress rules both name their range CidrIp / CidrIpv6.
	rule.CIDRs = concatStrings(optionalString(a.Get("CidrIp")), optionalString(a.Get("CidrIpv6")))
	rule.PeerGroup = a.Get("SourceSecurityGroupId").IsSet() || a.Get("SourceSecurityGroupName").IsSet() ||
		a.Get("DestinationSecurityGroupId").IsSet()
	rule.PrefixList = a.Get("SourcePrefixListId").IsSet() || a.Get("DestinationPrefixListId").IsSet()
	return rule
}

func normaliseCFNProtocol(p string) string {
	p = strings.ToLower(p)
	if p == "all" {
		return "-1"
	}
	return p
}

// optionalString reads a single optional string as a list of zero or one.
func optionalString(f Field) Attr[[]string] {
	s := StringOf(f, Ptr(""))
	return Map(s, func(v string) []string {
		if v == "" {
			return nil
		}
		return []string{v}
	})
}

// concatStrings joins two list attributes; the result is known only when
// both are, and points at whichever was set.
func concatStrings(a, b Attr[[]string]) Attr[[]string] {
	at := a.At
	if !a.Set && b.Set {
		at = b.At
	}
	if !a.IsKnown() {
		return a
	}
	if !b.IsKnown() {
		return b
	}
	out := Attr[[]string]{Set: a.Set || b.Set, At: at}
	for _, x := range a.Values {
		for _, y := range b.Values {
			out.Values = append(out.Values, append(append([]string{}, x...), y...))
		}
	}
	// When both are set, point at the first list holding an internet range.
	if a.Set && b.Set {
		if b.Test(hasInternet).IsTrue() && !a.Test(hasInternet).IsTrue() {
			out.At = b.At
		}
	}
	return out
}

func hasInternet(cidrs []string) bool {
	for _, c := range cidrs {
		if IsInternet(c) {
			return true
		}
	}
	return false
}

func isTrueLiteral(f Field) bool {
	b, ok := f.Value.AsBool()
	return f.IsSet() && ok && b
}
