package neptune

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// AuditLogExportDisabled flags Neptune clusters that do not export their
// audit log to CloudWatch Logs.
var AuditLogExportDisabled = &rules.Rule{
	ID:       "aws-neptune-audit-log-export-disabled",
	Title:    "Neptune cluster does not export audit logs to CloudWatch Logs",
	Severity: rules.Medium,
	Description: "Neptune's audit log records the connections to the cluster and the queries they run. A cluster " +
		"keeps it only on its instances, for a limited time, unless it publishes it to CloudWatch Logs by listing " +
		"audit among its exported log types (EnableCloudwatchLogsExports / enable_cloudwatch_logs_exports), which " +
		"is empty by default. The cluster parameter group's neptune_enable_audit_log parameter must also be on " +
		"for entries to be written. The slow query log alone does not count.",
	Remediation: rules.Remediation{
		Text: "Add audit to the cluster's exported log types, and set neptune_enable_audit_log in its cluster parameter group.",
		Terraform: `resource "aws_neptune_cluster" "this" {
  cluster_identifier                   = "graph"
  storage_encrypted                    = true
  neptune_cluster_parameter_group_name = aws_neptune_cluster_parameter_group.audit.name
  enable_cloudwatch_logs_exports       = ["audit"]
}

resource "aws_neptune_cluster_parameter_group" "audit" {
  family = "neptune1.3"
  name   = "audit"
  parameter {
    name  = "neptune_enable_audit_log"
    value = "1"
  }
}`,
		CloudFormation: `Cluster:
  Type: AWS::Neptune::DBCluster
  Properties:
    StorageEncrypted: true
    DBClusterParameterGroupName: !Ref AuditParameters
    EnableCloudwatchLogsExports:
      - audit`,
	},
	References: []string{
		"https://docs.aws.amazon.com/neptune/latest/userguide/auditing.html",
		"https://docs.aws.amazon.com/neptune/latest/userguide/cloudwatch-logs.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/neptune-controls.html#neptune-2",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "Neptune.2"},
		{Framework: rules.FrameworkConfig, ID: "neptune-cluster-cloudwatch-log-export-enabled"},
		{Framework: rules.FrameworkNIST, ID: "DE.CM-09"},
		{Framework: rules.FrameworkISO, ID: "A.8.15"},
	},
	Tags:      []string{"neptune", "logging"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, c := range p.AWS.Neptune.Clusters {
			p.ReportIf(aws.Exports(c.LogExports, "audit").Not(), c.LogExports,
				"Neptune cluster %s does not export its audit log to CloudWatch Logs", c.Resource.Address)
		}
	},
}
