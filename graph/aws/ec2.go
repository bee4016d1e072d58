package aws

import (
	"slices"
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
)

// EC2 holds the EC2 and VPC networking resources of the model.
type EC2 struct {
	SecurityGroups []*SecurityGroup
	// IngressRules holds every ingress rule, inline or split, including
	// split rules whose group is not in the scanned code.
	IngressRules []*SecurityGroupRule
	// EgressRules holds every egress rule the same way. A split rule whose
	// direction is not known is in both lists.
	EgressRules []*SecurityGroupRule
	// PublicIPs are the settings that give instances public IPv4
	// addresses (publicip.go).
	PublicIPs []*PublicIPSetting
}

// SecurityGroup is a security group with every rule that applies to it,
// inline or from split rule resources.
type SecurityGroup struct {
	Resource *graph.Resource
	Name     String
	// Description is the group's description: GroupDescription (required
	// by CloudFormation), or description, which Terraform defaults to
	// "Managed by Terraform". AWS cannot change it after creation.
	Description String
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
	// DirectionWhy says why whether the rule is ingress or egress is not
	// known (an aws_security_group_rule whose type is not); empty when it
	// is.
	DirectionWhy string
	// Protocol is normalised to lower case; "-1" means all protocols.
	Protocol String
	FromPort Int
	ToPort   Int
	// CIDRs are the IPv4 and IPv6 source (or destination) ranges.
	CIDRs Attr[[]string]
	// Description is the rule's description ("" when none).
	Description String
	// PeerGroups and PrefixLists are true when the rule names another
	// security group, itself, or a prefix list as peer.
	PeerGroup  bool
	PrefixList bool
	// CreatedBy is set for a rule of a security group AWS creates for a
	// resource (the remote access group of an EKS managed node group); it
	// names the group for messages.
	CreatedBy string
}

// AllProtocols reports whether the rule covers every protocol.
func (r *SecurityGroupRule) AllProtocols() graph.Tri {
	return r.Protocol.Test(func(p string) bool { return p == "-1" || p == "all" })
}

// OpenToInternet is True when a source range is 0.0.0.0/0 or ::/0.
func (r *SecurityGroupRule) OpenToInternet() graph.Tri {
	return r.CIDRs.Test(hasInternet)
}

// IsInternet reports whether a CIDR covers the whole IPv4 or IPv6 internet.
func IsInternet(cidr string) bool {
	switch strings.TrimSpace(cidr) {
	case "0.0.0.0/0", "::/0", "0::/0", "0000:0000:0000:0000:0000:0000:0000:0000/0":
		return true
	}
	return false
}

// OpensPorts is False for a TCP or UDP rule whose known port range is
// inverted (from 23 to 21): it opens nothing. Ports that are not known are
// taken as a range: an inverted one does not deploy.
func (r *SecurityGroupRule) OpensPorts() graph.Tri {
	if r.AllProtocols().IsTrue() {
		return graph.True
	}
	portBased := r.Protocol.Test(func(p string) bool { return p == "tcp" || p == "6" || p == "udp" || p == "17" })
	from, okf := r.FromPort.Get()
	to, okt := r.ToPort.Get()
	if portBased.IsTrue() && okf && okt && from != -1 && to != -1 && from > to {
		return graph.False
	}
	return graph.True
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

// securityGroupAdapters read security groups with their inline rules.
var securityGroupAdapters = adapters[*SecurityGroup]{
	{graph.Terraform, "aws_security_group", func(_ *Model, r *graph.Resource) *SecurityGroup {
		return terraformSecurityGroup(r, false)
	}},
	{graph.Terraform, "aws_default_security_group", func(_ *Model, r *graph.Resource) *SecurityGroup {
		return terraformSecurityGroup(r, true)
	}},
	{graph.CloudFormation, "AWS::EC2::SecurityGroup", func(_ *Model, r *graph.Resource) *SecurityGroup {
		a := Attrs(r)
		g := &SecurityGroup{Resource: r, Name: StringOf(a.Get("GroupName"), nil),
			Description: StringOf(a.Get("GroupDescription"), Ptr(""))}
		g.Ingress = cfnRules(r, a.Get("SecurityGroupIngress"), g, true)
		g.Egress = cfnRules(r, a.Get("SecurityGroupEgress"), g, false)
		return g
	}},
}

// TerraformDefaultDescription is the description the AWS provider gives
// an aws_security_group that sets none.
const TerraformDefaultDescription = "Managed by Terraform"

func terraformSecurityGroup(r *graph.Resource, isDefault bool) *SecurityGroup {
	a := Attrs(r)
	g := &SecurityGroup{Resource: r, Name: StringOf(a.Get("name"), nil), Default: isDefault,
		Description: StringOf(a.Get("description"), Ptr(TerraformDefaultDescription))}
	g.Ingress = tfInlineRules(r, a.Get("ingress"), g, true)
	g.Egress = tfInlineRules(r, a.Get("egress"), g, false)
	return g
}

// securityGroupRule is a rule resource of its own before it is joined to
// its group.
type securityGroupRule struct {
	rule *SecurityGroupRule
	// group is the argument naming the group.
	group Field
}

var securityGroupRuleAdapters = adapters[securityGroupRule]{
	{graph.Terraform, "aws_security_group_rule", func(_ *Model, r *graph.Resource) securityGroupRule {
		a := Attrs(r)
		var rule *SecurityGroupRule
		ingress := Equals(StringOf(a.Get("type"), nil), "ingress")
		if ingress.IsFalse() {
			// An egress rule; not modelled as ingress.
			rule = tfRule(r, a, false)
		} else {
			rule = tfRule(r, a, true)
			if ingress == graph.Unknown {
				rule.DirectionWhy = "whether " + r.Address + " is an ingress rule is not known"
				rule.CIDRs = UnknownAttr[[]string](rule.DirectionWhy, rule.At)
			}
		}
		return securityGroupRule{rule, a.Get("security_group_id")}
	}},
	{graph.Terraform, "aws_vpc_security_group_ingress_rule", func(_ *Model, r *graph.Resource) securityGroupRule {
		a := Attrs(r)
		return securityGroupRule{tfVPCRule(r, a, true), a.Get("security_group_id")}
	}},
	{graph.Terraform, "aws_vpc_security_group_egress_rule", func(_ *Model, r *graph.Resource) securityGroupRule {
		a := Attrs(r)
		return securityGroupRule{tfVPCRule(r, a, false), a.Get("security_group_id")}
	}},
	{graph.CloudFormation, "AWS::EC2::SecurityGroupIngress", func(_ *Model, r *graph.Resource) securityGroupRule {
		return cloudFormationRule(r, true)
	}},
	{graph.CloudFormation, "AWS::EC2::SecurityGroupEgress", func(_ *Model, r *graph.Resource) securityGroupRule {
		return cloudFormationRule(r, false)
	}},
}

func cloudFormationRule(r *graph.Resource, ingress bool) securityGroupRule {
	a := Attrs(r)
	group := a.Get("GroupId")
	if !group.IsSet() {
		group = a.Get("GroupName")
	}
	return securityGroupRule{cfnRule(r, a, r.Loc(), ingress), group}
}

// implicitIngressAdapters read the ingress rules of security groups AWS
// creates for a resource. An EKS managed node group given an SSH key for
// remote access and no source security groups gets a group that opens
// port 22 to 0.0.0.0/0 (EKS RemoteAccessConfig).
var implicitIngressAdapters = adapters[[]*SecurityGroupRule]{
	{graph.Terraform, "aws_eks_node_group", func(_ *Model, r *graph.Resource) []*SecurityGroupRule {
		ra := Attrs(r).Get("remote_access")
		return remoteAccessRule(r, ra, ra.Get("ec2_ssh_key"), ra.Get("source_security_group_ids"))
	}},
	{graph.CloudFormation, "AWS::EKS::Nodegroup", func(_ *Model, r *graph.Resource) []*SecurityGroupRule {
		ra := Attrs(r).Get("RemoteAccess")
		return remoteAccessRule(r, ra, ra.Get("Ec2SshKey"), ra.Get("SourceSecurityGroups"))
	}},
}

// remoteAccessRule is the SSH rule of the remote access group of a node
// group: none without a key or with source groups (which the rule then
// admits instead of the internet), the internet with a key and no source
// group, unknown when either is.
func remoteAccessRule(r *graph.Resource, remote, key, sources Field) []*SecurityGroupRule {
	if !remote.IsSet() {
		return nil
	}
	createdBy := "the security group EKS creates for SSH access to " + r.Address
	if blocks, ok := remote.Blocks(); !ok {
		// A remote access block that is itself unknown (a dynamic block
		// over an unknown collection) may open anything.
		rule := unknownRule(r, remote, nil, true)
		rule.CreatedBy = createdBy
		return []*SecurityGroupRule{rule}
	} else if len(blocks) == 0 {
		return nil
	}
	hasKey := IsTrue(Configured(key))
	hasSources, why := nonEmpty(sources)
	if hasKey == graph.False || hasSources == graph.True {
		return nil
	}
	at := KeyLoc(remote)
	rule := &SecurityGroupRule{Resource: r, At: at, Ingress: true,
		CreatedBy: createdBy,
		Protocol:  Known("tcp", false, at), FromPort: Known(22, false, at), ToPort: Known(22, false, at)}
	switch {
	case hasKey == graph.Unknown:
		rule.CIDRs = UnknownAttr[[]string](Configured(key).Why, at)
	case hasSources == graph.Unknown:
		rule.CIDRs = UnknownAttr[[]string](why, at)
	default:
		rule.CIDRs = Known([]string{"0.0.0.0/0"}, false, at)
	}
	return []*SecurityGroupRule{rule}
}

func buildEC2(m *Model) {
	buildPublicIPs(m)
	m.EC2.SecurityGroups = securityGroupAdapters.all(m)
	for _, g := range m.EC2.SecurityGroups {
		m.EC2.IngressRules = append(m.EC2.IngressRules, g.Ingress...)
		m.EC2.EgressRules = append(m.EC2.EgressRules, g.Egress...)
		m.names = append(m.names, g.Name)
	}
	for _, s := range securityGroupRuleAdapters.all(m) {
		rule := s.rule
		m.targets = append(m.targets, s.group)
		for _, g := range m.EC2.SecurityGroups {
			if targets(m.index, rule.Resource, s.group, g.Resource, g.Name).IsTrue() {
				rule.Group = g
				break
			}
		}
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
		if !rule.Ingress || rule.DirectionWhy != "" {
			m.EC2.EgressRules = append(m.EC2.EgressRules, rule)
		}
	}
	m.EC2.IngressRules = append(m.EC2.IngressRules, flat(m, implicitIngressAdapters)...)
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
		rule.Description = atBlock(rule.Description, b)
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
	rule.Description = UnknownAttr[string](why, rule.At)
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
	rule.Description = StringOf(a.Get("description"), Ptr(""))
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
	rule.Description = StringOf(a.Get("description"), Ptr(""))
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
		rule.Description = atBlock(rule.Description, b)
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
	rule.Description = StringOf(a.Get("Description"), Ptr(""))
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

func hasInternet(cidrs []string) bool { return slices.ContainsFunc(cidrs, IsInternet) }

func isTrueLiteral(f Field) bool {
	b, ok := f.Value.AsBool()
	return f.IsSet() && ok && b
}
