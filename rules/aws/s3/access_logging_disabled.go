package s3

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// AccessLoggingDisabled flags buckets without server access logging.
var AccessLoggingDisabled = &rules.Rule{
	ID:       "aws-s3-access-logging-disabled",
	Title:    "S3 bucket has no server access logging",
	Severity: rules.Low,
	Description: "Server access logs record every request made to a bucket (requester, operation, object, " +
		"response, source address), including the anonymous and denied ones that CloudTrail data events do " +
		"not show; they are what an investigation of a leak or a misuse of a bucket starts from. Logging is off " +
		"by default and is turned on per bucket with a destination bucket (LoggingConfiguration; Terraform's " +
		"aws_s3_bucket_logging or the inline logging block). Buckets that receive other buckets' access logs " +
		"are not reported: logging a log bucket into itself loops, and into another bucket only moves the " +
		"question. The low severity reflects that logging records rather than prevents.",
	Remediation: rules.Remediation{
		Text: "Turn server access logging on with a destination bucket in the same account and region that is not the bucket itself.",
		Terraform: `resource "aws_s3_bucket_logging" "this" {
  bucket        = aws_s3_bucket.this.id
  target_bucket = aws_s3_bucket.access_logs.id
  target_prefix = "orders/"
}`,
		CloudFormation: `Bucket:
  Type: AWS::S3::Bucket
  Properties:
    LoggingConfiguration:
      DestinationBucketName: !Ref AccessLogs
      LogFilePrefix: orders/`,
	},
	References: []string{
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html",
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-9",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "S3.9"},
		{Framework: rules.FrameworkConfig, ID: "s3-bucket-logging-enabled"},
		{Framework: rules.FrameworkNIST, ID: "DE.CM-09"},
		{Framework: rules.FrameworkISO, ID: "A.8.15"},
	},
	Tags:      []string{"s3", "logging"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, b := range p.AWS.S3.Buckets {
			p.ReportIf(aws.IsTrue(b.AccessLogging).Not().And(b.ReceivesLogs.Not()), b.AccessLogging,
				"%s has no server access logging", bucketLabel(b))
		}
	},
}
