package cloudfront

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// HTTPAllowed flags: cloudFront serves viewers over plain HTTP.
var HTTPAllowed = &rules.Rule{
	ID:          "aws-cloudfront-http-allowed",
	Title:       "CloudFront serves viewers over plain HTTP",
	Severity:    rules.Medium,
	Description: "A cache behavior with viewer protocol policy allow-all serves content over unencrypted HTTP, where it can be read and altered in transit, and cookies or tokens leak.",
	Remediation: rules.Remediation{
		Text: "Use redirect-to-https or https-only on every cache behavior.",
		Terraform: `resource "aws_cloudfront_distribution" "this" {
  # ...
  default_cache_behavior {
    viewer_protocol_policy = "redirect-to-https"
    # ...
  }
}`,
		CloudFormation: `Distribution:
  Type: AWS::CloudFront::Distribution
  Properties:
    DistributionConfig:
      DefaultCacheBehavior:
        ViewerProtocolPolicy: redirect-to-https`,
	},
	References: []string{
		"https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-3",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "CloudFront.3"},
		{Framework: rules.FrameworkConfig, ID: "cloudfront-viewer-policy-https"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-02"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"cloudfront", "tls"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, d := range p.AWS.CloudFront.Distributions {
			for _, b := range d.Behaviors {
				if f := p.ReportIf(aws.EqualFold(b.ViewerPolicy, "allow-all"), b.ViewerPolicy, "the %s of CloudFront distribution %s allows HTTP (viewer protocol policy allow-all)", b.Name, d.Resource.Address); f != nil {
					rules.FixLiteral(f, b.ViewerPolicy.At, b.ViewerPolicy.Set, "Redirect HTTP to HTTPS", "\"redirect-to-https\"")
				}
			}
		}
	},
}
