package cloudtrail

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// BucketAccessLoggingDisabled flags trail buckets without server access
// logging.
var BucketAccessLoggingDisabled = &rules.Rule{
	ID:       "aws-cloudtrail-bucket-access-logging-disabled",
	Title:    "The bucket CloudTrail delivers to does not log access",
	Severity: rules.Low,
	Description: "CloudTrail records API calls, but reading the log files in its bucket (GetObject) is a data " +
		"event it does not record unless told to. Server access logging on the trail's bucket records every " +
		"request made to it, so that who read or tried to delete the audit trail can be found. S3 does not log " +
		"access by default. The rule checks the buckets the scan creates; a trail delivering to a bucket of " +
		"another account (a log archive) leaves it to that account's code. Low: object-level data events on the " +
		"bucket serve the same purpose.",
	Remediation: rules.Remediation{
		Text: "Deliver the bucket's server access logs to another bucket (one that is not itself logged to the " +
			"trail's bucket).",
		Terraform: `resource "aws_s3_bucket_logging" "trail" {
  bucket        = aws_s3_bucket.trail.id
  target_bucket = aws_s3_bucket.access_logs.id
  target_prefix = "cloudtrail-bucket/"
}`,
		CloudFormation: `TrailBucket:
  Type: AWS::S3::Bucket
  Properties:
    LoggingConfiguration:
      DestinationBucketName: !Ref AccessLogsBucket
      LogFilePrefix: cloudtrail-bucket/`,
	},
	References: []string{
		"https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-7",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkCIS, ID: "3.4"},
		{Framework: rules.FrameworkSecurityHub, ID: "CloudTrail.7"},
		{Framework: rules.FrameworkConfig, ID: "s3-bucket-logging-enabled"},
		{Framework: rules.FrameworkNIST, ID: "DE.CM-09"},
		{Framework: rules.FrameworkISO, ID: "A.8.15"},
	},
	Tags:      []string{"cloudtrail", "s3", "logging"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, t := range p.AWS.CloudTrail.Trails {
			b, maybe := p.AWS.TrailBucket(t)
			switch {
			case b != nil:
				p.ReportIf(aws.IsTrue(b.AccessLogging).Not().And(t.Resource.Exists), b.AccessLogging,
					"bucket %s, where CloudTrail trail %s delivers, does not log access", b.Resource.Address, t.Resource.Address)
			case maybe != nil && aws.IsTrue(maybe.AccessLogging) != graph.True:
				p.ReportIf(graph.Unknown, rules.Because(t.Resource,
					"whether trail "+t.Resource.Address+" delivers to bucket "+maybe.Resource.Address+" is not known"), "")
			}
		}
	},
}
