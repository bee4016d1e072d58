package securityhub

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// NoStandards flags a Security Hub account with no security standard enabled.
var NoStandards = &rules.Rule{
	ID:          "aws-securityhub-no-standards",
	Title:       "Security Hub has no security standard enabled",
	Severity:    rules.Medium,
	Description: "Security Hub enabled without any standard runs no automated checks: it only aggregates findings from other services, and the account's configuration is never scored against AWS Foundational Security Best Practices or CIS.",
	Remediation: rules.Remediation{
		Text: "Keep the default standards on, subscribe to a standard explicitly, or enable standards through a central configuration policy of the delegated administrator.",
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
		"https://docs.aws.amazon.com/securityhub/latest/userguide/central-configuration-intro.html",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkNIST, ID: "ID.RA-01"},
		{Framework: rules.FrameworkISO, ID: "A.5.36"},
	},
	Tags:      []string{"securityhub", "detection"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, h := range p.AWS.SecurityHub.Hubs {
			// A subscription whose count or Condition is not known may or
			// may not add a standard.
			subscribed, why := graph.False, ""
			for _, s := range h.Subscriptions {
				subscribed = subscribed.Or(s.Exists)
				if s.Exists == graph.Unknown && why == "" {
					why = "whether standards subscription " + s.Address + " is created is not known: " + s.ExistsWhy
				}
			}
			// A central configuration policy in the same code enables its
			// standards in the accounts it is associated with.
			for _, pol := range h.Policies {
				subscribed = subscribed.Or(pol.EnablesStandards.And(pol.Resource.Exists))
				if pol.EnablesStandards == graph.Unknown && why == "" {
					why = "whether configuration policy " + pol.Resource.Address + " enables a standard is not known: " + pol.Why
				}
			}
			if subscribed == graph.False {
				if t, w := p.AWS.UnreadInAccount(h.Resource, "a standards subscription"); t == graph.Unknown {
					subscribed, why = t, w
				}
			}
			if subscribed == graph.True {
				continue
			}
			var subject rules.Subject = h.DefaultStandards
			if subscribed == graph.Unknown && aws.IsTrue(h.DefaultStandards) == graph.False {
				subject = rules.Because(h.DefaultStandards, why)
			}
			if f := p.ReportIf(aws.IsTrue(h.DefaultStandards).Not().And(subscribed.Not()), subject, "Security Hub %s enables no security standard", h.Resource.Address); f != nil {
				rules.FixLiteral(f, h.DefaultStandards.At, h.DefaultStandards.Set, "Enable the default standards", "true")
			}
		}
	},
}
