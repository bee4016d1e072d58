package opensearch

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// AuditLoggingDisabled flags domains that do not publish audit logs.
var AuditLoggingDisabled = &rules.Rule{
	ID:       "aws-opensearch-audit-logging-disabled",
	Title:    "OpenSearch domain does not publish audit logs",
	Severity: rules.Medium,
	Description: "Audit logs record who authenticated to a domain and which indices and documents they read or " +
		"changed: the record an investigation needs. A domain publishes them to CloudWatch Logs only when its log " +
		"publishing options enable AUDIT_LOGS, which they do not by default; audit logging also needs " +
		"fine-grained access control and its audit settings. Error and slow logs do not count. The rule reads " +
		domainTypes + ".",
	Remediation: rules.Remediation{
		Text: "Enable fine-grained access control and publish AUDIT_LOGS to a CloudWatch Logs group.",
		Terraform: `resource "aws_opensearch_domain" "this" {
  domain_name    = "search"
  engine_version = "OpenSearch_2.13"
  advanced_security_options {
    enabled                        = true
    internal_user_database_enabled = false
    master_user_options {
      master_user_arn = aws_iam_role.search_admin.arn
    }
  }
  log_publishing_options {
    log_type                 = "AUDIT_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.search_audit.arn
  }
}`,
		CloudFormation: `Domain:
  Type: AWS::OpenSearchService::Domain
  Properties:
    EngineVersion: OpenSearch_2.13
    AdvancedSecurityOptions:
      Enabled: true
      MasterUserOptions:
        MasterUserARN: !GetAtt SearchAdmin.Arn
    LogPublishingOptions:
      AUDIT_LOGS:
        Enabled: true
        CloudWatchLogsLogGroupArn: !GetAtt SearchAuditLogs.Arn`,
	},
	References: []string{
		"https://docs.aws.amazon.com/opensearch-service/latest/developerguide/audit-logs.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/opensearch-controls.html#opensearch-5",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/es-controls.html#es-5",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "Opensearch.5"},
		{Framework: rules.FrameworkSecurityHub, ID: "ES.5"},
		{Framework: rules.FrameworkConfig, ID: "opensearch-audit-logging-enabled"},
		{Framework: rules.FrameworkNIST, ID: "DE.CM-09"},
		{Framework: rules.FrameworkISO, ID: "A.8.15"},
	},
	Tags:      []string{"opensearch", "elasticsearch", "logging"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, d := range p.AWS.OpenSearch.Domains {
			p.ReportIf(aws.IsTrue(d.AuditLogs).Not(), d.AuditLogs, "OpenSearch domain %s does not publish audit logs", d.Resource.Address)
		}
	},
}
