package ec2

import (
	"cmp"
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// NACLOpenAllPorts flags network ACL entries that let the internet in on
// every port.
var NACLOpenAllPorts = &rules.Rule{
	ID:       "aws-ec2-nacl-open-all-ports",
	Title:    "Network ACL allows all inbound traffic from the internet",
	Severity: rules.Medium,
	Description: "A network ACL is the subnet's stateless filter in front of its security groups. An inbound entry " +
		"that allows 0.0.0.0/0 or ::/0 with protocol -1 (all), or TCP or UDP on every port from 0 to 65535, " +
		"filters nothing: AWS ignores the port range of an all-protocol entry, so ports written on one do not " +
		"narrow it. The VPC's default network ACL allows everything in this way, and security groups still " +
		"filter each interface, so the rule is rated medium rather than critical: it reports an ACL written in " +
		"code that gives up the second layer. Outbound allow-all entries are not reported, because a stateless " +
		"ACL must let responses leave on ephemeral ports. An entry that a lower-numbered deny of the same source " +
		"and every protocol shadows never applies. Entries that also open SSH or RDP are reported by " +
		"aws-ec2-nacl-open-admin-ports as well.",
	Remediation: rules.Remediation{
		Text: "Allow only the protocols and ports the subnet serves (for example HTTPS, and the ephemeral ports " +
			"responses to its own outbound connections return on), and leave the rest to the ACL's final deny.",
		Terraform: `resource "aws_network_acl_rule" "https_in" {
  network_acl_id = aws_network_acl.public.id
  rule_number    = 100
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
  from_port      = 443
  to_port        = 443
}`,
		CloudFormation: `HttpsIn:
  Type: AWS::EC2::NetworkAclEntry
  Properties:
    NetworkAclId: !Ref PublicAcl
    RuleNumber: 100
    Protocol: 6
    RuleAction: allow
    CidrBlock: 0.0.0.0/0
    PortRange: {From: 443, To: 443}`,
	},
	References: []string{
		"https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html",
		"https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html",
		"https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateNetworkAclEntry.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "PR.IR-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.20"},
	},
	Tags:      []string{"ec2", "vpc", "network"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, e := range p.AWS.VPC.NACLEntries {
			open := e.CIDR.Test(aws.IsInternet)
			cond := aws.IsTrue(e.Ingress).And(aws.IsTrue(e.Allow)).And(open).And(opensAllPorts(e))
			if cond == graph.True && p.AWS.VPC.DeniedAllEarlier(e) {
				continue
			}
			subject := rules.Because(e, cmp.Or(e.CIDR.Why, e.Protocol.Why, e.FromPort.Why, e.ToPort.Why, e.Allow.Why, e.Ingress.Why))
			cidr, _ := e.CIDR.Get()
			p.ReportIf(cond, subject, "network ACL entry of %s allows all inbound traffic from the internet (%s, %s)",
				e.Resource.Address, cidr, allPortsDescription(e))
		}
	},
}

// opensAllPorts is True for an entry matching every protocol, or TCP or UDP
// on the whole port range.
func opensAllPorts(e *aws.NACLEntry) graph.Tri {
	all := e.AllProtocols()
	if all == graph.True {
		return all
	}
	portBased := e.Protocol.Test(func(s string) bool {
		return s == "6" || s == "17" || strings.EqualFold(s, "tcp") || strings.EqualFold(s, "udp")
	})
	full := graph.Unknown
	if from, ok := e.FromPort.Get(); ok {
		if to, ok := e.ToPort.Get(); ok {
			full = graph.TriOf(from <= 1 && to >= 65535)
		}
	}
	return all.Or(portBased.And(full))
}

// allPortsDescription says what the entry matches, for the message.
func allPortsDescription(e *aws.NACLEntry) string {
	if e.AllProtocols() == graph.True {
		return "all protocols"
	}
	if proto, ok := e.Protocol.Get(); ok {
		switch strings.ToLower(proto) {
		case "6", "tcp":
			return "all TCP ports"
		case "17", "udp":
			return "all UDP ports"
		}
	}
	return "all ports"
}
