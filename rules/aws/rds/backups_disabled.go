package rds

import "github.com/blindspot-iac/blindspot/rules"

// BackupsDisabled flags DB instances whose automated backups are off.
var BackupsDisabled = &rules.Rule{
	ID:       "aws-rds-backups-disabled",
	Title:    "RDS DB instance has automated backups turned off",
	Severity: rules.Medium,
	Description: "Automated backups (daily snapshots and transaction logs) are what point-in-time restore works " +
		"from; a backup retention period of 0 turns them off, and deletes the ones already taken. When the " +
		"period is not set AWS keeps backups for 1 day (the default this rule assumes, and does not report; " +
		"CIS and Security Hub recommend 7 days or more), so only a written 0 is reported. Read replicas, whose " +
		"backups are optional, and instances of an Aurora cluster, whose cluster keeps the backups and cannot " +
		"turn them off, are not judged.",
	Remediation: rules.Remediation{
		Text: "Set a backup retention period of at least 7 days (BackupRetentionPeriod / backup_retention_period).",
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
		"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-11",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "RDS.11"},
		{Framework: rules.FrameworkConfig, ID: "db-instance-backup-enabled"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-11"},
		{Framework: rules.FrameworkISO, ID: "A.8.13"},
	},
	Tags:      []string{"rds", "backup"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, d := range p.AWS.RDS.Databases {
			if d.Cluster || d.EncryptionFromCluster || d.Replica {
				continue
			}
			if f := p.ReportIf(d.BackupRetention.Test(func(n int) bool { return n == 0 }), d.BackupRetention, "automated backups of RDS DB instance %s are turned off (retention period 0)", d.Resource.Address); f != nil {
				rules.FixLiteral(f, d.BackupRetention.At, d.BackupRetention.Set, "Keep backups for 7 days", "7")
			}
		}
	},
}
