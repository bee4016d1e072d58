package ec2

import (
	"fmt"

	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// OpenIngress flags security group rules that accept traffic from the whole
// internet.
var OpenIngress = &rules.Rule{
	ID:       "aws-ec2-open-ingress",
	Title:    "Security group allows ingress from the whole internet",
	Severity: rules.High,
	Description: "A security group rule whose source is 0.0.0.0/0 or ::/0 exposes the port to every host on the " +
		"internet, where it is scanned within minutes. Administrative ports (SSH 22, RDP 3389) and rules " +
		"covering every port are the most common entry point for compromise and are rated critical. Security " +
		"groups AWS creates are checked too: an EKS managed node group given an SSH key for remote access and no " +
		"source security groups gets one that opens port 22 to 0.0.0.0/0. A TCP or UDP rule whose port range is " +
		"inverted (from 23 to 21) opens nothing.",
	Remediation: rules.Remediation{
		Text: "Restrict the source to the networks that need access, reference another security group or a managed " +
			"prefix list, or put the service behind a load balancer. For administration use AWS Systems Manager Session " +
			"Manager instead of opening SSH or RDP.",
		Terraform: `resource "aws_vpc_security_group_ingress_rule" "https_from_office" {
  security_group_id = aws_security_group.web.id
  cidr_ipv4         = "203.0.113.0/24"
  from_port         = 443
  to_port           = 443
  ip_protocol       = "tcp"
}`,
		CloudFormation: `WebIngress:
  Type: AWS::EC2::SecurityGroupIngress
  Properties:
    GroupId: !Ref WebSecurityGroup
    IpProtocol: tcp
    FromPort: 443
    ToPort: 443
    SourcePrefixListId: !Ref OfficePrefixList`,
	},
	References: []string{
		"https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-group-rules.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-18",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-53",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkCIS, ID: "5.2"},
		{Framework: rules.FrameworkCIS, ID: "5.3"},
		{Framework: rules.FrameworkSecurityHub, ID: "EC2.18"},
		{Framework: rules.FrameworkSecurityHub, ID: "EC2.53"},
		{Framework: rules.FrameworkSecurityHub, ID: "EC2.54"},
		{Framework: rules.FrameworkConfig, ID: "vpc-sg-open-only-to-authorized-ports"},
		{Framework: rules.FrameworkConfig, ID: "restricted-ssh"},
		{Framework: rules.FrameworkNIST, ID: "PR.IR-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.20"},
	},
	Tags:      []string{"ec2", "vpc", "network"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, r := range p.AWS.EC2.IngressRules {
			ports, critical := describePorts(r)
			f := p.ReportIf(r.OpenToInternet().And(r.OpensPorts()), r.CIDRs, "%s allows ingress from the internet (%s) on %s",
				groupName(r), internetSources(r), ports)
			if f != nil && critical {
				f.Severity = rules.Critical
			}
		}
	},
}

// adminPorts are administrative ports whose exposure is critical.
var adminPorts = []struct {
	port int
	name string
}{{22, "SSH"}, {3389, "RDP"}}

// describePorts names the ports of a rule for the message and says whether
// they make the exposure critical.
func describePorts(r *aws.SecurityGroupRule) (string, bool) {
	if r.AllProtocols().IsTrue() {
		return "all ports and protocols", true
	}
	from, to, ok := r.PortRange()
	if !ok {
		return "ports that are not known", false
	}
	proto, _ := r.Protocol.Get()
	if from == 0 && to == 65535 {
		return fmt.Sprintf("all %s ports", proto), true
	}
	var desc string
	if from == to {
		desc = fmt.Sprintf("port %d/%s", from, proto)
	} else {
		desc = fmt.Sprintf("ports %d-%d/%s", from, to, proto)
	}
	if proto == "udp" || proto == "17" || proto == "icmp" || proto == "1" || proto == "icmpv6" || proto == "58" {
		return desc, false
	}
	var admin []string
	for _, a := range adminPorts {
		if from <= a.port && a.port <= to {
			admin = append(admin, fmt.Sprintf("%s %d", a.name, a.port))
		}
	}
	if len(admin) > 0 {
		desc += fmt.Sprintf(" (including %s)", joinAnd(admin))
	}
	return desc, len(admin) > 0
}

func internetSources(r *aws.SecurityGroupRule) string {
	cidrs, ok := r.CIDRs.Get()
	if !ok {
		return "0.0.0.0/0 or ::/0"
	}
	var open []string
	for _, c := range cidrs {
		if aws.IsInternet(c) {
			open = append(open, c)
		}
	}
	return joinAnd(open)
}

func groupName(r *aws.SecurityGroupRule) string {
	if r.CreatedBy != "" {
		return r.CreatedBy
	}
	if r.Group != nil {
		if r.Group.Resource == r.Resource {
			return "security group " + r.Group.Resource.Address
		}
		return fmt.Sprintf("rule %s of security group %s", r.Resource.Address, r.Group.Resource.Address)
	}
	return "security group rule " + r.Resource.Address
}

func joinAnd(ss []string) string {
	switch len(ss) {
	case 0:
		return ""
	case 1:
		return ss[0]
	}
	out := ss[0]
	for _, s := range ss[1 : len(ss)-1] {
		out += ", " + s
	}
	return out + " and " + ss[len(ss)-1]
}
