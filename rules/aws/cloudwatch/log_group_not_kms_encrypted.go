package cloudwatch

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// LogGroupNotKMSEncrypted flags log groups without a KMS key of their own.
var LogGroupNotKMSEncrypted = &rules.Rule{
	ID:       "aws-cloudwatch-log-group-not-kms-encrypted",
	Title:    "CloudWatch Logs log group is not encrypted with a KMS key",
	Severity: rules.Low,
	Description: "CloudWatch Logs always encrypts log data at rest, by default with keys the service owns and " +
		"manages. Associating a customer managed KMS key with the log group adds a key policy that decides who " +
		"may read the logs (through CloudWatch Logs) independently of IAM, records every use of the key in " +
		"CloudTrail, and lets you make the logs unreadable by disabling the key. Logs often hold request details, " +
		"identifiers and sometimes secrets an application printed; the default encryption already protects the " +
		"storage, so this is low.",
	Remediation: rules.Remediation{
		Text: "Create a customer managed KMS key whose key policy allows the CloudWatch Logs service principal of the " +
			"region (logs.<region>.amazonaws.com) to use it for this account's log groups, and set it on the log group.",
		Terraform: `resource "aws_cloudwatch_log_group" "app" {
  name              = "/app/prod"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.logs.arn
}`,
		CloudFormation: `AppLogs:
  Type: AWS::Logs::LogGroup
  Properties:
    LogGroupName: /app/prod
    RetentionInDays: 365
    KmsKeyId: !GetAtt LogsKey.Arn`,
	},
	References: []string{
		"https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html",
		"https://docs.aws.amazon.com/config/latest/developerguide/cloudwatch-log-group-encrypted.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkConfig, ID: "cloudwatch-log-group-encrypted"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"cloudwatch", "logging", "encryption", "kms"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, g := range p.AWS.CloudWatch.LogGroups {
			p.ReportIf(aws.IsTrue(g.KMSEncrypted).Not(), g.KMSEncrypted,
				"CloudWatch Logs log group %s is not encrypted with a KMS key", g.Resource.Address)
		}
	},
}
