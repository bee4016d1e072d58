package cloudfront

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// TLSOutdated flags: cloudFront accepts outdated TLS versions.
var TLSOutdated = &rules.Rule{
	ID:          "aws-cloudfront-tls-outdated",
	Title:       "CloudFront accepts outdated TLS versions",
	Severity:    rules.Medium,
	Description: "A viewer security policy below TLSv1.2_2021 accepts TLS 1.0 or 1.1 and weak ciphers. The default *.cloudfront.net certificate always allows TLS 1.0, so a distribution serving real users needs its own certificate and a current policy.",
	Remediation: rules.Remediation{
		Text: "Use a custom certificate with minimum protocol version TLSv1.2_2021 or later.",
		Terraform: `resource "aws_cloudfront_distribution" "this" {
  # ...
  viewer_certificate {
    acm_certificate_arn      = aws_acm_certificate.site.arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }
}`,
		CloudFormation: `Distribution:
  Type: AWS::CloudFront::Distribution
  Properties:
    DistributionConfig:
      ViewerCertificate:
        AcmCertificateArn: !Ref Certificate
        SslSupportMethod: sni-only
        MinimumProtocolVersion: TLSv1.2_2021`,
	},
	References: []string{
		"https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkConfig, ID: "cloudfront-security-policy-check"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-02"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"cloudfront", "tls"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, d := range p.AWS.CloudFront.Distributions {
			if aws.IsTrue(d.DefaultCertificate) == graph.True {
				p.Report(d.DefaultCertificate, "CloudFront distribution %s uses the default *.cloudfront.net certificate, which accepts TLS 1.0", d.Resource.Address)
				continue
			}
			old := d.MinimumProtocol.Test(func(v string) bool { return !aws.CurrentCloudFrontPolicies[v] })
			cond := aws.IsTrue(d.DefaultCertificate).Not().And(old)
			p.ReportIf(cond, d.MinimumProtocol, "CloudFront distribution %s accepts viewers below TLSv1.2_2021", d.Resource.Address)
		}
	},
}
