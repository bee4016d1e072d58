package ec2

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// SubnetPublicIPOnLaunch flags subnets that give every instance launched
// into them a public IPv4 address.
var SubnetPublicIPOnLaunch = &rules.Rule{
	ID:       "aws-ec2-subnet-public-ip-on-launch",
	Title:    "Subnet gives instances a public IPv4 address on launch",
	Severity: rules.Medium,
	Description: "A subnet with map_public_ip_on_launch (MapPublicIpOnLaunch) on gives a public IPv4 address to every " +
		"network interface launched into it that does not ask otherwise, so an instance becomes reachable from the " +
		"internet without anyone deciding it should. New subnets have it off; the default subnets of a default VPC " +
		"have it on, so an aws_default_subnet that does not turn it off is reported. Subnets that hold only load " +
		"balancers and NAT gateways do not need it: those get their addresses explicitly.",
	Remediation: rules.Remediation{
		Text: "Turn off automatic public IPv4 addresses and associate one explicitly where an instance needs it.",
		Terraform: `resource "aws_subnet" "app" {
  vpc_id                  = var.vpc_id
  cidr_block              = "10.0.1.0/24"
  map_public_ip_on_launch = false
}`,
		CloudFormation: `Subnet:
  Type: AWS::EC2::Subnet
  Properties:
    VpcId: !Ref Vpc
    CidrBlock: 10.0.1.0/24
    MapPublicIpOnLaunch: false`,
	},
	References: []string{
		"https://docs.aws.amazon.com/vpc/latest/userguide/subnet-public-ip.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-15",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "EC2.15"},
		{Framework: rules.FrameworkConfig, ID: "subnet-auto-assign-public-ip-disabled"},
		{Framework: rules.FrameworkNIST, ID: "PR.IR-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.20"},
	},
	Tags:      []string{"ec2", "vpc", "network"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, s := range p.AWS.EC2.PublicIPs {
			if !s.Subnet {
				continue
			}
			p.ReportIf(aws.IsTrue(s.Assigns), s.Assigns, "subnet %s assigns a public IP address to every instance launched into it", s.Resource.Address)
		}
	},
}
