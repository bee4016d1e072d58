package redshift

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// DefaultVPC flags Redshift clusters that name no cluster subnet group.
var DefaultVPC = &rules.Rule{
	ID:       "aws-redshift-default-vpc",
	Title:    "Redshift cluster has no subnet group and lands in the default VPC",
	Severity: rules.Medium,
	Description: "A cluster created without a cluster subnet group (ClusterSubnetGroupName / " +
		"cluster_subnet_group_name) is placed in the account's default VPC, whose subnets are public: they route " +
		"to an internet gateway and give instances public addresses by default, and the VPC is shared with " +
		"whatever else was started there without thought. Naming a subnet group of private subnets in a VPC the " +
		"code defines keeps the warehouse where its network controls are written down. (Before EC2-Classic was " +
		"retired, such a cluster ran outside any VPC.)",
	Remediation: rules.Remediation{
		Text:           "Create a cluster subnet group of private subnets and name it on the cluster.",
		Terraform:      clusterTF,
		CloudFormation: clusterCFN,
	},
	References: []string{
		"https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-cluster-subnet-groups.html",
		"https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "PR.IR-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.22"},
	},
	Tags:      []string{"redshift", "network"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, c := range p.AWS.Redshift.Clusters {
			p.ReportIf(aws.IsTrue(c.SubnetGroup).Not(), c.SubnetGroup, "Redshift cluster %s names no cluster subnet group, so it is placed in the default VPC", c.Resource.Address)
		}
	},
}
