package cloudtrail

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// CloudWatchLogsDisabled flags trails that deliver to no CloudWatch Logs
// log group.
var CloudWatchLogsDisabled = &rules.Rule{
	ID:       "aws-cloudtrail-cloudwatch-logs-disabled",
	Title:    "CloudTrail trail does not deliver to CloudWatch Logs",
	Severity: rules.Low,
	Description: "A trail writes its events to S3 as files, which nothing watches. Delivering them to a CloudWatch " +
		"Logs log group as well lets metric filters and alarms react to sensitive activity (root sign-ins, " +
		"policy changes, trails stopped) within minutes, and lets you search recent activity with Logs Insights; " +
		"the CIS monitoring alarms (aws-cloudwatch-*-unmonitored) are built on it. Low: EventBridge rules or a " +
		"SIEM reading the bucket can serve the same purpose, and one trail (an organisation trail) delivering " +
		"to CloudWatch Logs is enough for an account.",
	Remediation: rules.Remediation{
		Text: "Give the trail a log group ARN (ending in :*) and a role that CloudTrail assumes to write to it " +
			"(logs:CreateLogStream and logs:PutLogEvents on the group).",
		Terraform: `resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = aws_s3_bucket.trail.id
  is_multi_region_trail      = true
  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.cloudtrail.arn}:*"
  cloud_watch_logs_role_arn  = aws_iam_role.cloudtrail_logs.arn
}`,
		CloudFormation: `Trail:
  Type: AWS::CloudTrail::Trail
  Properties:
    IsLogging: true
    IsMultiRegionTrail: true
    S3BucketName: !Ref TrailBucket
    CloudWatchLogsLogGroupArn: !GetAtt CloudTrailLogs.Arn
    CloudWatchLogsRoleArn: !GetAtt CloudTrailLogsRole.Arn`,
	},
	References: []string{
		"https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-5",
		"https://docs.aws.amazon.com/config/latest/developerguide/cloud-trail-cloud-watch-logs-enabled.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "CloudTrail.5"},
		{Framework: rules.FrameworkConfig, ID: "cloud-trail-cloud-watch-logs-enabled"},
		{Framework: rules.FrameworkNIST, ID: "DE.CM-09"},
		{Framework: rules.FrameworkISO, ID: "A.8.16"},
	},
	Tags:      []string{"cloudtrail", "cloudwatch", "logging", "monitoring"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, t := range p.AWS.CloudTrail.Trails {
			p.ReportIf(aws.IsTrue(t.CloudWatchLogs).Not(), t.CloudWatchLogs,
				"CloudTrail trail %s does not deliver its events to CloudWatch Logs", t.Resource.Address)
		}
	},
}
