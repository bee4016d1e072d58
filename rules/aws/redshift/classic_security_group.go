package redshift

import (
	"github.com/blindspot-iac/blindspot/rules"
)

// ClassicSecurityGroup flags EC2-Classic cluster security groups.
var ClassicSecurityGroup = &rules.Rule{
	ID:       "aws-redshift-classic-security-group",
	Title:    "Redshift uses an EC2-Classic cluster security group",
	Severity: rules.Medium,
	Description: "Cluster security groups (AWS::Redshift::ClusterSecurityGroup, aws_redshift_security_group, and " +
		"ClusterSecurityGroups / cluster_security_groups on a cluster) exist only for clusters on EC2-Classic, the " +
		"flat network AWS retired on 15 August 2023. They cannot be created any more: code that declares them " +
		"either fails or describes a cluster that still has to be moved into a VPC, where VPC security groups " +
		"control access. Their descriptions, which older checks asked for, do not matter once the group is gone.",
	Remediation: rules.Remediation{
		Text:           "Run the cluster in a VPC with a cluster subnet group and VPC security groups, and remove the cluster security groups.",
		Terraform:      clusterTF,
		CloudFormation: clusterCFN,
	},
	References: []string{
		"https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-security-groups.html",
		"https://aws.amazon.com/blogs/aws/ec2-classic-is-retiring-heres-how-to-prepare/",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "PR.IR-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.22"},
	},
	Tags:      []string{"redshift", "network", "ec2-classic"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, g := range p.AWS.Redshift.ClassicSecurityGroups {
			msg := "%s is an EC2-Classic cluster security group"
			if g.Names {
				msg = "%s uses EC2-Classic cluster security groups"
			}
			p.ReportIf(g.Uses, g, msg, g.Resource.Address)
		}
	},
}
