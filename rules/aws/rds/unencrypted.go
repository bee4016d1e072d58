package rds

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// Unencrypted flags: rDS storage is not encrypted.
var Unencrypted = &rules.Rule{
	ID:          "aws-rds-unencrypted",
	Title:       "RDS storage is not encrypted",
	Severity:    rules.High,
	Description: "An unencrypted database keeps its data, automated backups, read replicas and snapshots in clear on disk. Encryption can only be chosen when the database is created; turning it on later means restoring from an encrypted snapshot copy.",
	Remediation: rules.Remediation{
		Text: "Enable storage encryption when creating the database (instances of an Aurora cluster follow the cluster).",
		Terraform: `resource "aws_db_instance" "this" {
  engine            = "postgres"
  instance_class    = "db.t4g.micro"
  allocated_storage = 20
  storage_encrypted = true
}`,
		CloudFormation: `Database:
  Type: AWS::RDS::DBInstance
  Properties:
    Engine: postgres
    DBInstanceClass: db.t4g.micro
    AllocatedStorage: "20"
    StorageEncrypted: true`,
	},
	References: []string{
		"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-3",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkCIS, ID: "2.3.1"},
		{Framework: rules.FrameworkSecurityHub, ID: "RDS.3"},
		{Framework: rules.FrameworkConfig, ID: "rds-storage-encrypted"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"rds", "encryption"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, d := range p.AWS.RDS.Databases {
			if d.EncryptionFromCluster {
				continue
			}
			kind := "RDS DB instance"
			if d.Cluster {
				kind = "RDS DB cluster"
			}
			if f := p.ReportIf(aws.IsTrue(d.Encrypted).Not(), d.Encrypted, "storage of %s %s is not encrypted", kind, d.Resource.Address); f != nil {
				rules.FixLiteral(f, d.Encrypted.At, d.Encrypted.Set, "Encrypt the storage", "true")
			}
		}
	},
}
