package ec2

import (
	"cmp"
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// NACLOpenAdminPorts flags: network ACL allows SSH or RDP from the internet.
var NACLOpenAdminPorts = &rules.Rule{
	ID:          "aws-ec2-nacl-open-admin-ports",
	Title:       "Network ACL allows SSH or RDP from the internet",
	Severity:    rules.High,
	Description: "A network ACL entry that allows 0.0.0.0/0 or ::/0 to port 22 or 3389 removes the subnet-level guard in front of remote administration, leaving only security groups between the internet and SSH or RDP.",
	Remediation: rules.Remediation{
		Text: "Allow administration ports only from known ranges, or deny them and use AWS Systems Manager Session Manager.",
		Terraform: `resource "aws_network_acl_rule" "ssh" {
  network_acl_id = aws_network_acl.public.id
  rule_number    = 100
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "203.0.113.0/24"
  from_port      = 22
  to_port        = 22
}`,
		CloudFormation: `SshEntry:
  Type: AWS::EC2::NetworkAclEntry
  Properties:
    NetworkAclId: !Ref PublicAcl
    RuleNumber: 100
    Protocol: 6
    RuleAction: allow
    CidrBlock: 203.0.113.0/24
    PortRange: {From: 22, To: 22}`,
	},
	References: []string{
		"https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-21",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkCIS, ID: "5.1"},
		{Framework: rules.FrameworkSecurityHub, ID: "EC2.21"},
		{Framework: rules.FrameworkConfig, ID: "nacl-no-unrestricted-ssh-rdp"},
		{Framework: rules.FrameworkNIST, ID: "PR.IR-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.20"},
	},
	Tags:      []string{"ec2", "vpc", "network"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, e := range p.AWS.VPC.NACLEntries {
			open := e.CIDR.Test(func(c string) bool { return c == "0.0.0.0/0" || c == "::/0" })
			allProtocols := e.AllProtocols()
			tcp := e.Protocol.Test(func(s string) bool { return s == "6" || strings.EqualFold(s, "tcp") })
			from, okFrom := e.FromPort.Get()
			to, okTo := e.ToPort.Get()
			admin := graph.Unknown
			if okFrom && okTo || allProtocols == graph.True {
				// A lower-numbered deny of the same source decides first.
				all := from == 0 && to == 0 || allProtocols == graph.True
				ssh := (all || from <= 22 && 22 <= to) && !p.AWS.VPC.DeniedEarlier(e, 22)
				rdp := (all || from <= 3389 && 3389 <= to) && !p.AWS.VPC.DeniedEarlier(e, 3389)
				admin = graph.TriOf(ssh || rdp)
			}
			subject := rules.Because(e, cmp.Or(e.CIDR.Why, e.Protocol.Why, e.FromPort.Why, e.ToPort.Why, e.Allow.Why))
			cond := aws.IsTrue(e.Ingress).And(aws.IsTrue(e.Allow)).And(open).And(allProtocols.Or(tcp)).And(admin)
			p.ReportIf(cond, subject, "network ACL entry of %s allows SSH or RDP from the internet", e.Resource.Address)
		}
	},
}
