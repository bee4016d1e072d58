package vpc

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/rules"
)

// DefaultVPCUsed flags configurations that adopt a region's default VPC.
var DefaultVPCUsed = &rules.Rule{
	ID:       "aws-vpc-default-vpc-used",
	Title:    "Configuration manages the region's default VPC",
	Severity: rules.Low,
	Description: "AWS creates a default VPC in every region so that instances can be launched without designing a " +
		"network: each of its subnets gives instances a public IPv4 address, and its route table sends all " +
		"traffic to an internet gateway. aws_default_vpc adopts that network into the configuration, which " +
		"usually means workloads are placed in it instead of in a VPC whose public and private subnets were " +
		"chosen. Adopting it exposes nothing by itself; what lands in it is reported by its own rules " +
		"(aws-ec2-subnet-public-ip-on-launch, aws-ec2-instance-public-ip, aws-ec2-open-ingress), so the rule " +
		"is rated low. CloudFormation cannot create or adopt a default VPC, so only Terraform is checked.",
	Remediation: rules.Remediation{
		Text: "Create a VPC for the workload with private subnets for what need not be reachable, and remove " +
			"aws_default_vpc from the configuration (or delete the default VPC in regions that do not use it).",
		Terraform: `resource "aws_vpc" "app" {
  cidr_block           = "10.20.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}

resource "aws_subnet" "app_private" {
  vpc_id            = aws_vpc.app.id
  cidr_block        = "10.20.1.0/24"
  availability_zone = "eu-west-1a"
}`,
		CloudFormation: `AppVpc:
  Type: AWS::EC2::VPC
  Properties:
    CidrBlock: 10.20.0.0/16
    EnableDnsSupport: true
    EnableDnsHostnames: true
AppPrivateSubnet:
  Type: AWS::EC2::Subnet
  Properties:
    VpcId: !Ref AppVpc
    CidrBlock: 10.20.1.0/24
    AvailabilityZone: eu-west-1a`,
	},
	References: []string{
		"https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html",
		"https://docs.aws.amazon.com/vpc/latest/userguide/delete-default-vpc.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "PR.IR-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.22"},
	},
	Tags:      []string{"vpc", "network"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, v := range p.AWS.VPC.VPCs {
			if v.Default {
				p.ReportIf(graph.True, v.Resource.Loc(), "%s adopts the region's default VPC", v.Resource.Address)
			}
		}
	},
}
