package rds

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// PerformanceInsightsAWSManagedKey flags Performance Insights data
// encrypted with the AWS managed key.
var PerformanceInsightsAWSManagedKey = &rules.Rule{
	ID:       "aws-rds-performance-insights-aws-managed-key",
	Title:    "RDS Performance Insights data is encrypted with the AWS managed key",
	Severity: rules.Low,
	Description: "Performance Insights keeps the text of the SQL statements an instance runs, which can hold " +
		"literal values from the data. It is always encrypted; without a key named " +
		"(performance_insights_kms_key_id / PerformanceInsightsKMSKeyId) it uses the AWS managed key aws/rds, " +
		"whose policy the account cannot change, so whoever may use RDS in the account may read it. A customer " +
		"managed key lets the account decide who can. The key can only be chosen when Performance Insights is " +
		"first turned on. Instances without Performance Insights are not judged.",
	Remediation: rules.Remediation{
		Text: "Name a customer managed KMS key for Performance Insights.",
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
		"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PerfInsights.access-control.html",
		"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PerfInsights.Enabling.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "PR.DS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"rds", "encryption", "kms"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, d := range p.AWS.RDS.Databases {
			if d.Cluster {
				continue
			}
			p.ReportIf(aws.IsTrue(d.PerformanceInsights).And(aws.IsTrue(d.PIAWSKey)), d.PIAWSKey,
				"Performance Insights data of RDS DB instance %s is encrypted with the AWS managed key", d.Resource.Address)
		}
	},
}
