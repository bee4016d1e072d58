package rds

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// DeletionProtectionDisabled flags DB instances and clusters that can be
// deleted without first turning deletion protection off.
var DeletionProtectionDisabled = &rules.Rule{
	ID:       "aws-rds-deletion-protection-disabled",
	Title:    "RDS database has no deletion protection",
	Severity: rules.Medium,
	Description: "With deletion protection on, RDS refuses to delete a DB instance or cluster until someone turns " +
		"the setting off, so a mistaken or hostile delete (a console click, a script, a Terraform plan that " +
		"replaces the database) fails instead of destroying it and, unless a final snapshot is taken, its " +
		"automated backups. It is off by default in the API, CloudFormation and Terraform. Instances of an " +
		"Aurora cluster are judged through their cluster, which holds the setting.",
	Remediation: rules.Remediation{
		Text: "Turn deletion protection on (DeletionProtection / deletion_protection = true).",
		Terraform: `resource "aws_db_instance" "this" {
  identifier                          = "orders"
  engine                              = "postgres"
  instance_class                      = "db.t4g.micro"
  allocated_storage                   = 20
  username                            = "orders"
  manage_master_user_password         = true
  storage_encrypted                   = true
  deletion_protection                 = true
  iam_database_authentication_enabled = true
  backup_retention_period             = 7
}`,
		CloudFormation: `Database:
  Type: AWS::RDS::DBInstance
  Properties:
    Engine: postgres
    DBInstanceClass: db.t4g.micro
    AllocatedStorage: "20"
    MasterUsername: orders
    ManageMasterUserPassword: true
    StorageEncrypted: true
    DeletionProtection: true
    EnableIAMDatabaseAuthentication: true
    BackupRetentionPeriod: 7`,
	},
	References: []string{
		"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeletionProtection",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-8",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-7",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "RDS.7"},
		{Framework: rules.FrameworkSecurityHub, ID: "RDS.8"},
		{Framework: rules.FrameworkConfig, ID: "rds-instance-deletion-protection-enabled"},
		{Framework: rules.FrameworkConfig, ID: "rds-cluster-deletion-protection-enabled"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-11"},
		{Framework: rules.FrameworkISO, ID: "A.8.13"},
	},
	Tags:      []string{"rds", "resilience"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, d := range p.AWS.RDS.Databases {
			if d.EncryptionFromCluster {
				continue
			}
			if f := p.ReportIf(aws.IsTrue(d.DeletionProtection).Not(), d.DeletionProtection, "%s %s has no deletion protection", databaseKind(d), d.Resource.Address); f != nil {
				rules.FixLiteral(f, d.DeletionProtection.At, d.DeletionProtection.Set, "Turn deletion protection on", "true")
			}
		}
	},
}

// databaseKind names a database in a message.
func databaseKind(d *aws.RDSDatabase) string {
	if d.Cluster {
		return "RDS DB cluster"
	}
	return "RDS DB instance"
}
