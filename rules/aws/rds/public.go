package rds

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// Public flags RDS DB instances (Aurora members included) and Multi-AZ DB
// clusters that are publicly accessible.
var Public = &rules.Rule{
	ID:          "aws-rds-public",
	Title:       "RDS instance is publicly accessible",
	Severity:    rules.Critical,
	Description: "A publicly accessible DB instance (or the members of a publicly accessible Multi-AZ DB cluster) gets a public IP address and a public DNS name; with a permissive security group its database port is reachable from the internet, where it is scanned and brute-forced.",
	Remediation: rules.Remediation{
		Text: "Keep the instance private and reach it through the VPC (a bastion, VPN or AWS Systems Manager).",
		Terraform: `resource "aws_db_instance" "this" {
  engine              = "postgres"
  instance_class      = "db.t4g.micro"
  allocated_storage   = 20
  publicly_accessible = false
}`,
		CloudFormation: `Database:
  Type: AWS::RDS::DBInstance
  Properties:
    Engine: postgres
    DBInstanceClass: db.t4g.micro
    AllocatedStorage: "20"
    PubliclyAccessible: false`,
	},
	References: []string{
		"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-2",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkCIS, ID: "2.3.3"},
		{Framework: rules.FrameworkSecurityHub, ID: "RDS.2"},
		{Framework: rules.FrameworkConfig, ID: "rds-instance-public-access-check"},
		{Framework: rules.FrameworkNIST, ID: "PR.AA-05"},
		{Framework: rules.FrameworkISO, ID: "A.8.20"},
	},
	Tags:      []string{"rds", "network"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, d := range p.AWS.RDS.Databases {
			kind := "RDS DB instance"
			if d.Cluster {
				if !d.Public.Set {
					continue
				}
				kind = "RDS DB cluster"
			}
			if f := p.ReportIf(aws.IsTrue(d.Public), d.Public, "%s %s is publicly accessible", kind, d.Resource.Address); f != nil {
				rules.FixLiteral(f, d.Public.At, d.Public.Set, "Make the instance private", "false")
			}
		}
	},
}
