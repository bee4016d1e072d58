package cloudfront

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// LoggingDisabled flags distributions that deliver no access logs.
var LoggingDisabled = &rules.Rule{
	ID:       "aws-cloudfront-logging-disabled",
	Title:    "CloudFront distribution does not log viewer requests",
	Severity: rules.Medium,
	Description: "A distribution logs nothing unless standard logging is configured: without access logs there is " +
		"no record of who requested what, from where, with which result, which is what an investigation of " +
		"scraping, credential stuffing or data exposure through the CDN needs. Standard logging to an S3 bucket " +
		"(logging_config, Logging) counts, and so does standard logging v2: a CloudWatch Logs delivery source " +
		"for the distribution (aws_cloudwatch_log_delivery_source, AWS::Logs::DeliverySource). A module the scan " +
		"could not read that receives the distribution may create such a source, which makes the answer " +
		"undetermined.",
	Remediation: rules.Remediation{
		Text: "Turn on standard logging to an S3 bucket that allows ACL-based log delivery, or create a log " +
			"delivery source (log type ACCESS_LOGS) for the distribution with a delivery to CloudWatch Logs, S3 " +
			"or Firehose.",
		Terraform: `resource "aws_cloudfront_distribution" "site" {
  # ...
  logging_config {
    bucket = aws_s3_bucket.cdn_logs.bucket_domain_name
    prefix = "site/"
  }
}`,
		CloudFormation: `Distribution:
  Type: AWS::CloudFront::Distribution
  Properties:
    DistributionConfig:
      Logging:
        Bucket: !GetAtt CdnLogs.DomainName
        Prefix: site/`,
	},
	References: []string{
		"https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/AccessLogs.html",
		"https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-5",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "CloudFront.5"},
		{Framework: rules.FrameworkConfig, ID: "cloudfront-accesslogs-enabled"},
		{Framework: rules.FrameworkNIST, ID: "DE.CM-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.15"},
	},
	Tags:      []string{"cloudfront", "logging"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, d := range p.AWS.CloudFront.Distributions {
			p.ReportIf(aws.IsTrue(d.Logging).Not(), d.Logging,
				"CloudFront distribution %s does not log viewer requests", d.Resource.Address)
		}
	},
}
