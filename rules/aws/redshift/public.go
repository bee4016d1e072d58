package redshift

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// Public flags Redshift clusters with a public endpoint.
var Public = &rules.Rule{
	ID:       "aws-redshift-public",
	Title:    "Redshift cluster is publicly accessible",
	Severity: rules.High,
	Description: "A publicly accessible cluster gets a public IP address, so its endpoint can be reached from the " +
		"internet wherever its security groups allow, where databases are scanned and their logins guessed. " +
		"CloudFormation and the API create private clusters unless PubliclyAccessible is set. The AWS provider " +
		"for Terraform made clusters public unless publicly_accessible was set, until version 6 changed its " +
		"default to false; an unset value in Terraform is therefore undetermined, and true is a finding in both " +
		"formats.",
	Remediation: rules.Remediation{
		Text:           "Keep the cluster private (PubliclyAccessible / publicly_accessible = false) and reach it from the VPC.",
		Terraform:      clusterTF,
		CloudFormation: clusterCFN,
	},
	References: []string{
		"https://docs.aws.amazon.com/redshift/latest/mgmt/managing-clusters-vpc.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/redshift-controls.html#redshift-1",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "Redshift.1"},
		{Framework: rules.FrameworkConfig, ID: "redshift-cluster-public-access-check"},
		{Framework: rules.FrameworkNIST, ID: "PR.AA-05"},
		{Framework: rules.FrameworkISO, ID: "A.8.20"},
	},
	Tags:      []string{"redshift", "network", "public-access"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, c := range p.AWS.Redshift.Clusters {
			if f := p.ReportIf(aws.IsTrue(c.Public), c.Public, "Redshift cluster %s is publicly accessible", c.Resource.Address); f != nil {
				rules.FixLiteral(f, c.Public.At, c.Public.Set, "Make the cluster private", "false")
			}
		}
	},
}
