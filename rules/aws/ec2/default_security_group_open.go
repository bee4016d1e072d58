package ec2

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/rules"
)

// DefaultSecurityGroupOpen flags: default security group keeps rules.
var DefaultSecurityGroupOpen = &rules.Rule{
	ID:          "aws-ec2-default-security-group-open",
	Title:       "Default security group keeps rules",
	Severity:    rules.Medium,
	Description: "Every VPC has a default security group that resources join when no group is given. AWS recommends that it allow no traffic at all, so that a resource launched without a deliberate group is isolated instead of silently reachable.",
	Remediation: rules.Remediation{
		Text: "Manage the default security group with no ingress or egress rules, and give resources their own groups.",
		Terraform: `resource "aws_default_security_group" "this" {
  vpc_id = aws_vpc.main.id
  # no ingress or egress blocks: all traffic denied
}`,
		CloudFormation: `# CloudFormation cannot clear the default group's rules; do not add any:
# no AWS::EC2::SecurityGroupIngress/Egress with GroupId !GetAtt VPC.DefaultSecurityGroup`,
	},
	References: []string{
		"https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-2",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkCIS, ID: "5.4"},
		{Framework: rules.FrameworkSecurityHub, ID: "EC2.2"},
		{Framework: rules.FrameworkConfig, ID: "vpc-default-security-group-closed"},
		{Framework: rules.FrameworkNIST, ID: "PR.IR-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.20"},
	},
	Tags:      []string{"ec2", "vpc", "network"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, r := range p.AWS.VPC.DefaultGroupRules {
			cond := graph.True
			if r.Why != "" {
				cond = graph.Unknown
			}
			p.ReportIf(cond, rules.Because(r, r.Why), "%s keeps an %s rule on a default security group, which should allow no traffic", r.Resource.Address, r.Direction)
		}
	},
}
