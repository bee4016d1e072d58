package cloudfront

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// NoWAF flags: cloudFront distribution has no WAF web ACL.
var NoWAF = &rules.Rule{
	ID:          "aws-cloudfront-no-waf",
	Title:       "CloudFront distribution has no WAF web ACL",
	Severity:    rules.Medium,
	Description: "Without a web ACL, requests reach the origin with no filtering of common exploits, bots or floods, and no rate limiting at the edge.",
	Remediation: rules.Remediation{
		Text: "Associate an AWS WAF web ACL (scope CLOUDFRONT).",
		Terraform: `resource "aws_cloudfront_distribution" "this" {
  # ...
  web_acl_id = aws_wafv2_web_acl.edge.arn
}`,
		CloudFormation: `Distribution:
  Type: AWS::CloudFront::Distribution
  Properties:
    DistributionConfig:
      WebACLId: !GetAtt EdgeWebACL.Arn`,
	},
	References: []string{
		"https://docs.aws.amazon.com/waf/latest/developerguide/cloudfront-features.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-6",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "CloudFront.6"},
		{Framework: rules.FrameworkConfig, ID: "cloudfront-associated-with-waf"},
		{Framework: rules.FrameworkNIST, ID: "PR.IR-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.20"},
	},
	Tags:      []string{"cloudfront", "waf"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, d := range p.AWS.CloudFront.Distributions {
			p.ReportIf(aws.IsTrue(d.WebACL).Not(), d.WebACL, "CloudFront distribution %s has no WAF web ACL", d.Resource.Address)
		}
	},
}
