package cloudtrail

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// NotMultiRegion flags: cloudTrail trail does not record every region.
var NotMultiRegion = &rules.Rule{
	ID:          "aws-cloudtrail-not-multi-region",
	Title:       "CloudTrail trail does not record every region",
	Severity:    rules.Medium,
	Description: "A trail that records only its home region misses API activity in every other region, where an attacker who has credentials can create resources unobserved. AWS recommends at least one multi-region trail.",
	Remediation: rules.Remediation{
		Text: "Make the trail record every region.",
		Terraform: `resource "aws_cloudtrail" "this" {
  name                  = "org-trail"
  s3_bucket_name        = aws_s3_bucket.trail.id
  is_multi_region_trail = true
}`,
		CloudFormation: `Trail:
  Type: AWS::CloudTrail::Trail
  Properties:
    IsLogging: true
    S3BucketName: !Ref TrailBucket
    IsMultiRegionTrail: true`,
	},
	References: []string{
		"https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-1",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkCIS, ID: "3.1"},
		{Framework: rules.FrameworkSecurityHub, ID: "CloudTrail.1"},
		{Framework: rules.FrameworkConfig, ID: "multi-region-cloudtrail-enabled"},
		{Framework: rules.FrameworkNIST, ID: "DE.CM-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.15"},
	},
	Tags:      []string{"cloudtrail", "logging"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, t := range p.AWS.CloudTrail.Trails {
			if f := p.ReportIf(aws.IsTrue(t.MultiRegion).Not(), t.MultiRegion, "CloudTrail trail %s records only its own region", t.Resource.Address); f != nil {
				rules.FixLiteral(f, t.MultiRegion.At, t.MultiRegion.Set, "Record every region", "true")
			}
		}
	},
}
