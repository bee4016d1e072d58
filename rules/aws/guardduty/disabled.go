package guardduty

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// Disabled flags: guardDuty detector is disabled.
var Disabled = &rules.Rule{
	ID:          "aws-guardduty-disabled",
	Title:       "GuardDuty detector is disabled",
	Severity:    rules.High,
	Description: "A GuardDuty detector that is not enabled analyses nothing: threats such as credential exfiltration, crypto-mining and reconnaissance go unnoticed.",
	Remediation: rules.Remediation{
		Text: "Enable the detector.",
		Terraform: `resource "aws_guardduty_detector" "this" {
  enable = true
}`,
		CloudFormation: `Detector:
  Type: AWS::GuardDuty::Detector
  Properties:
    Enable: true`,
	},
	References: []string{
		"https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_settingup.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/guardduty-controls.html#guardduty-1",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "GuardDuty.1"},
		{Framework: rules.FrameworkConfig, ID: "guardduty-enabled-centralized"},
		{Framework: rules.FrameworkNIST, ID: "DE.CM-09"},
		{Framework: rules.FrameworkISO, ID: "A.8.16"},
	},
	Tags:      []string{"guardduty", "detection"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, d := range p.AWS.GuardDuty.Detectors {
			if f := p.ReportIf(aws.IsTrue(d.Enabled).Not(), d.Enabled, "GuardDuty detector %s is disabled", d.Resource.Address); f != nil {
				rules.FixLiteral(f, d.Enabled.At, d.Enabled.Set, "Enable the detector", "true")
			}
		}
	},
}
