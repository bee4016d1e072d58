package ec2

import (
	"cmp"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// OpenEgress flags security group rules written to let every protocol and
// port out to the whole internet.
var OpenEgress = &rules.Rule{
	ID:       "aws-ec2-open-egress",
	Title:    "Security group rule allows all outbound traffic to the internet",
	Severity: rules.Low,
	Description: "An egress rule to 0.0.0.0/0 or ::/0 on every protocol (-1), or on every TCP or UDP port, lets " +
		"anything running behind the group reach any host on the internet: a compromised instance can " +
		"download tools, reach its command-and-control server and send data out on any port. AWS gives every " +
		"new security group such a rule unless egress rules are written, so it is everywhere and rated low: " +
		"the rule reports the rules that code writes out (Terraform removes AWS's default rule, so a " +
		"configuration that keeps it writes it), not the default a CloudFormation group without " +
		"SecurityGroupEgress keeps, and not default security groups, which " +
		"aws-ec2-default-security-group-open reports. Narrow egress to the ports and destinations the " +
		"workload needs (HTTPS, a prefix list, a proxy or VPC endpoints) where outbound control matters.",
	Remediation: rules.Remediation{
		Text: "Allow only the outbound ports and destinations the workload needs: HTTPS to the internet, " +
			"database ports to the database's security group, AWS services through VPC endpoints or a managed " +
			"prefix list.",
		Terraform: `resource "aws_vpc_security_group_egress_rule" "https_out" {
  security_group_id = aws_security_group.app.id
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 443
  to_port           = 443
  ip_protocol       = "tcp"
}`,
		CloudFormation: `HttpsOut:
  Type: AWS::EC2::SecurityGroupEgress
  Properties:
    GroupId: !Ref AppSecurityGroup
    IpProtocol: tcp
    FromPort: 443
    ToPort: 443
    CidrIp: 0.0.0.0/0`,
	},
	References: []string{
		"https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
		"https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html",
		"https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-infrastructure/centralized-egress-to-internet.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "PR.IR-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.20"},
	},
	Tags:      []string{"ec2", "vpc", "network"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		// Rules of default groups, kept on them or added by reference,
		// are aws-ec2-default-security-group-open's.
		onDefault := map[*graph.Resource]bool{}
		for _, d := range p.AWS.VPC.DefaultGroupRules {
			if d.Resource.Type != "aws_default_security_group" {
				onDefault[d.Resource] = true
			}
		}
		for _, r := range p.AWS.EC2.EgressRules {
			if r.Group != nil && r.Group.Default || onDefault[r.Resource] {
				continue
			}
			ports, _ := describePorts(r)
			subject := rules.Because(r.CIDRs, cmp.Or(r.CIDRs.Why, r.Protocol.Why, r.FromPort.Why, r.ToPort.Why, r.CIDRs.UnknownReason()))
			p.ReportIf(r.OpenToInternet().And(allPorts(r)), subject, "%s allows egress to the internet (%s) on %s",
				groupName(r), internetSources(r), ports)
		}
	},
}

// allPorts is True for a rule covering every protocol, or every port of
// TCP or UDP.
func allPorts(r *aws.SecurityGroupRule) graph.Tri {
	all := r.AllProtocols()
	if all == graph.True {
		return all
	}
	portBased := r.Protocol.Test(func(p string) bool { return p == "tcp" || p == "6" || p == "udp" || p == "17" })
	full := graph.Unknown
	if from, to, ok := r.PortRange(); ok {
		full = graph.TriOf(from == 0 && to == 65535)
	}
	return all.Or(portBased.And(full))
}
