package securityhub

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// NoStandards flags: security Hub has no security standard enabled.
var NoStandards = &rules.Rule{
	ID:          "aws-securityhub-no-standards",
	Title:       "Security Hub has no security standard enabled",
	Severity:    rules.Medium,
	Description: "Security Hub enabled without any standard runs no automated checks: it only aggregates findings from other services, and the account's configuration is never scored against AWS Foundational Security Best Practices or CIS.",
	Remediation: rules.Remediation{
		Text: "Keep the default standards on, or subscribe to a standard explicitly.",
		Terraform: `resource "aws_securityhub_account" "this" {}

resource "aws_securityhub_standards_subscription" "fsbp" {
  depends_on    = [aws_securityhub_account.this]
  standards_arn = "arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0"
}`,
		CloudFormation: `Hub:
  Type: AWS::SecurityHub::Hub
  Properties:
    EnableDefaultStandards: true`,
	},
	References: []string{
		"https://docs.aws.amazon.com/securityhub/latest/userguide/standards-reference.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "ID.RA-01"},
		{Framework: rules.FrameworkISO, ID: "A.5.36"},
	},
	Tags:      []string{"securityhub", "detection"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, h := range p.AWS.SecurityHub.Hubs {
			if len(h.Subscriptions) > 0 {
				continue
			}
			p.ReportIf(aws.IsTrue(h.DefaultStandards).Not(), h.DefaultStandards, "Security Hub %s enables no security standard", h.Resource.Address)
		}
	},
}
