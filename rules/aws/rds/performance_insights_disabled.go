package rds

import (
	"strings"

	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// PerformanceInsightsDisabled flags DB instances without Performance
// Insights.
var PerformanceInsightsDisabled = &rules.Rule{
	ID:       "aws-rds-performance-insights-disabled",
	Title:    "RDS DB instance does not have Performance Insights on",
	Severity: rules.Low,
	Description: "Performance Insights records a DB instance's load by SQL statement, wait event, host and user; " +
		"it is how an unusual query pattern (a runaway job, a dump of a table, a brute-force loop) is seen and " +
		"traced to who ran it. It is off by default (performance_insights_enabled / EnablePerformanceInsights), " +
		"and is set per instance, including the instances of an Aurora cluster. Instance classes micro and " +
		"small, which some engines do not support it on, are not judged, nor are DB clusters. AWS is folding " +
		"Performance Insights into CloudWatch Database Insights, which the same setting turns on.",
	Remediation: rules.Remediation{
		Text: "Turn Performance Insights on, with a customer managed key for its data.",
		Terraform: `resource "aws_db_instance" "this" {
  identifier                      = "orders"
  engine                          = "postgres"
  instance_class                  = "db.r6g.large"
  allocated_storage               = 20
  username                        = "orders"
  manage_master_user_password     = true
  storage_encrypted               = true
  performance_insights_enabled    = true
  performance_insights_kms_key_id = aws_kms_key.rds.arn
}`,
		CloudFormation: `Database:
  Type: AWS::RDS::DBInstance
  Properties:
    Engine: postgres
    DBInstanceClass: db.r6g.large
    AllocatedStorage: "20"
    MasterUsername: orders
    ManageMasterUserPassword: true
    StorageEncrypted: true
    EnablePerformanceInsights: true
    PerformanceInsightsKMSKeyId: !GetAtt RdsKey.Arn`,
	},
	References: []string{
		"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PerfInsights.html",
		"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PerfInsights.Overview.Engines.html",
	},
	Tags:      []string{"rds", "monitoring"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, d := range p.AWS.RDS.Databases {
			if d.Cluster {
				continue
			}
			judged := d.InstanceClass.Test(func(c string) bool {
				return !strings.HasSuffix(c, ".micro") && !strings.HasSuffix(c, ".small")
			})
			var subject rules.Subject = d.PerformanceInsights
			if judged != graph.True && aws.IsTrue(d.PerformanceInsights) != graph.True {
				subject = d.InstanceClass
			}
			if f := p.ReportIf(judged.And(aws.IsTrue(d.PerformanceInsights).Not()), subject, "RDS DB instance %s does not have Performance Insights on", d.Resource.Address); f != nil {
				rules.FixLiteral(f, d.PerformanceInsights.At, d.PerformanceInsights.Set, "Turn Performance Insights on", "true")
			}
		}
	},
}
