package documentdb

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// AuditLogExportDisabled flags DocumentDB clusters that do not export
// their audit log to CloudWatch Logs.
var AuditLogExportDisabled = &rules.Rule{
	ID:       "aws-documentdb-audit-log-export-disabled",
	Title:    "DocumentDB cluster does not export audit logs to CloudWatch Logs",
	Severity: rules.Medium,
	Description: "DocumentDB's audit log records authentication attempts, user and role changes and data definition " +
		"events (collections and indexes created or dropped). It is kept only where the cluster exports it: a " +
		"cluster must list audit among the log types it exports to CloudWatch Logs (EnableCloudwatchLogsExports / " +
		"enabled_cloudwatch_logs_exports), which is empty by default. Exporting is half of the setting: the " +
		"cluster parameter group's audit_logs parameter decides which events are written, and is off in the " +
		"default parameter group. The profiler log alone is about slow operations, not access, and does not count.",
	Remediation: rules.Remediation{
		Text: "Add audit to the cluster's exported log types, and set audit_logs in its cluster parameter group.",
		Terraform: `resource "aws_docdb_cluster" "this" {
  cluster_identifier              = "orders"
  master_username                 = "docdbadmin"
  manage_master_user_password     = true
  storage_encrypted               = true
  db_cluster_parameter_group_name = aws_docdb_cluster_parameter_group.audit.name
  enabled_cloudwatch_logs_exports = ["audit"]
}

resource "aws_docdb_cluster_parameter_group" "audit" {
  family = "docdb5.0"
  name   = "audit"
  parameter {
    name  = "audit_logs"
    value = "enabled"
  }
}`,
		CloudFormation: `Cluster:
  Type: AWS::DocDB::DBCluster
  Properties:
    MasterUsername: docdbadmin
    ManageMasterUserPassword: true
    StorageEncrypted: true
    DBClusterParameterGroupName: !Ref AuditParameters
    EnableCloudwatchLogsExports:
      - audit`,
	},
	References: []string{
		"https://docs.aws.amazon.com/documentdb/latest/developerguide/event-auditing.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/documentdb-controls.html#documentdb-4",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "DocumentDB.4"},
		{Framework: rules.FrameworkConfig, ID: "docdb-cluster-audit-logging-enabled"},
		{Framework: rules.FrameworkNIST, ID: "DE.CM-09"},
		{Framework: rules.FrameworkISO, ID: "A.8.15"},
	},
	Tags:      []string{"documentdb", "logging"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, c := range p.AWS.DocumentDB.Clusters {
			p.ReportIf(aws.Exports(c.LogExports, "audit").Not(), c.LogExports,
				"DocumentDB cluster %s does not export its audit log to CloudWatch Logs", c.Resource.Address)
		}
	},
}
