package cloudtrail

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// LogValidationDisabled flags: cloudTrail log file validation is not enabled.
var LogValidationDisabled = &rules.Rule{
	ID:          "aws-cloudtrail-log-validation-disabled",
	Title:       "CloudTrail log file validation is not enabled",
	Severity:    rules.Medium,
	Description: "Without log file integrity validation nobody can prove that delivered CloudTrail logs were not modified or deleted, which an intruder covering their tracks would do.",
	Remediation: rules.Remediation{
		Text: "Enable log file validation.",
		Terraform: `resource "aws_cloudtrail" "this" {
  name                       = "org-trail"
  s3_bucket_name             = aws_s3_bucket.trail.id
  enable_log_file_validation = true
}`,
		CloudFormation: `Trail:
  Type: AWS::CloudTrail::Trail
  Properties:
    IsLogging: true
    S3BucketName: !Ref TrailBucket
    EnableLogFileValidation: true`,
	},
	References: []string{
		"https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-4",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkCIS, ID: "3.2"},
		{Framework: rules.FrameworkSecurityHub, ID: "CloudTrail.4"},
		{Framework: rules.FrameworkConfig, ID: "cloud-trail-log-file-validation-enabled"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.15"},
	},
	Tags:      []string{"cloudtrail", "logging"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, t := range p.AWS.CloudTrail.Trails {
			if f := p.ReportIf(aws.IsTrue(t.LogValidation).Not(), t.LogValidation, "log file validation of CloudTrail trail %s is not enabled", t.Resource.Address); f != nil {
				rules.FixLiteral(f, t.LogValidation.At, t.LogValidation.Set, "Enable log file validation", "true")
			}
		}
	},
}
