package ec2

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// InstancePublicIP flags instances, launch templates and launch
// configurations that ask for a public IPv4 address.
var InstancePublicIP = &rules.Rule{
	ID:       "aws-ec2-instance-public-ip",
	Title:    "EC2 instance is given a public IPv4 address",
	Severity: rules.Medium,
	Description: "An instance with a public IPv4 address can be reached from the internet wherever its security groups " +
		"and network ACLs allow it, and can reach the internet without a NAT gateway. The rule reports instances, " +
		"launch templates and launch configurations that set associate_public_ip_address " +
		"(AssociatePublicIpAddress) to true. One that leaves it unset takes its subnet's setting, which is off by " +
		"default and which aws-ec2-subnet-public-ip-on-launch checks. Put instances in private subnets and reach " +
		"them through a load balancer, Systems Manager Session Manager or a VPN.",
	Remediation: rules.Remediation{
		Text: "Do not associate a public IP address; launch the instance in a private subnet.",
		Terraform: `resource "aws_instance" "app" {
  ami                         = "ami-0c55b159cbfafe1f0"
  instance_type               = "t3.micro"
  subnet_id                   = var.private_subnet_id
  associate_public_ip_address = false
  metadata_options {
    http_tokens = "required"
  }
  root_block_device {
    encrypted = true
  }
}`,
		CloudFormation: `Instance:
  Type: AWS::EC2::Instance
  Properties:
    ImageId: ami-0c55b159cbfafe1f0
    InstanceType: t3.micro
    NetworkInterfaces:
      - DeviceIndex: "0"
        SubnetId: !Ref PrivateSubnet
        AssociatePublicIpAddress: false`,
	},
	References: []string{
		"https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html#concepts-public-addresses",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-9",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "EC2.9"},
		{Framework: rules.FrameworkConfig, ID: "ec2-instance-no-public-ip"},
		{Framework: rules.FrameworkNIST, ID: "PR.IR-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.20"},
	},
	Tags:      []string{"ec2", "network"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, s := range p.AWS.EC2.PublicIPs {
			if s.Subnet {
				continue
			}
			p.ReportIf(aws.IsTrue(s.Assigns), s.Assigns, "%s associates a public IP address with the instances it launches", s.Resource.Address)
		}
	},
}
