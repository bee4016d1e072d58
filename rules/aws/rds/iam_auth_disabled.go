package rds

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// IAMAuthDisabled flags databases that could use IAM database
// authentication and do not.
var IAMAuthDisabled = &rules.Rule{
	ID:       "aws-rds-iam-auth-disabled",
	Title:    "RDS database does not use IAM database authentication",
	Severity: rules.Medium,
	Description: "With IAM database authentication, users and applications connect with short-lived tokens " +
		"signed by their IAM credentials instead of database passwords that are stored, shared and rarely " +
		"rotated; who may connect is then written in IAM policies and every token request is in CloudTrail. " +
		"Password logins keep working alongside it. It is off by default, and is available for MySQL, MariaDB " +
		"and PostgreSQL instances and for Aurora clusters; other engines (Oracle, SQL Server, Db2) are not " +
		"judged, nor are the instances of an Aurora cluster, whose cluster holds the setting.",
	Remediation: rules.Remediation{
		Text: "Turn IAM database authentication on (EnableIAMDatabaseAuthentication / iam_database_authentication_enabled = true) and grant rds-db:connect to the roles that connect.",
		Terraform: `resource "aws_rds_cluster" "this" {
  cluster_identifier                  = "orders"
  engine                              = "aurora-postgresql"
  master_username                     = "orders"
  manage_master_user_password         = true
  storage_encrypted                   = true
  deletion_protection                 = true
  iam_database_authentication_enabled = true
}`,
		CloudFormation: `Cluster:
  Type: AWS::RDS::DBCluster
  Properties:
    Engine: aurora-postgresql
    MasterUsername: orders
    ManageMasterUserPassword: true
    StorageEncrypted: true
    DeletionProtection: true
    EnableIAMDatabaseAuthentication: true`,
	},
	References: []string{
		"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-10",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-12",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "RDS.10"},
		{Framework: rules.FrameworkSecurityHub, ID: "RDS.12"},
		{Framework: rules.FrameworkConfig, ID: "rds-instance-iam-authentication-enabled"},
		{Framework: rules.FrameworkConfig, ID: "rds-cluster-iam-authentication-enabled"},
		{Framework: rules.FrameworkNIST, ID: "PR.AA-01"},
		{Framework: rules.FrameworkISO, ID: "A.5.17"},
	},
	Tags:      []string{"rds", "identity"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, d := range p.AWS.RDS.Databases {
			if d.EncryptionFromCluster {
				continue
			}
			supports := d.SupportsIAMAuth()
			var at rules.Subject = d.IAMAuth
			if supports == graph.Unknown {
				// Whether the engine has IAM authentication is what is
				// not known.
				at = d.Engine
			}
			if f := p.ReportIf(supports.And(aws.IsTrue(d.IAMAuth).Not()), at, "%s %s does not use IAM database authentication", databaseKind(d), d.Resource.Address); f != nil {
				rules.FixLiteral(f, d.IAMAuth.At, d.IAMAuth.Set, "Turn IAM database authentication on", "true")
			}
		}
	},
}
