package guardduty

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// S3ProtectionDisabled flags: guardDuty S3 protection is disabled.
var S3ProtectionDisabled = &rules.Rule{
	ID:          "aws-guardduty-s3-protection-disabled",
	Title:       "GuardDuty S3 protection is disabled",
	Severity:    rules.Medium,
	Description: "With S3 protection off, GuardDuty does not analyse S3 data events, so data access from unusual places, by disabled credentials or from known malicious IPs goes unnoticed.",
	Remediation: rules.Remediation{
		Text: "Enable S3 protection (the S3_DATA_EVENTS feature) on the detector.",
		Terraform: `resource "aws_guardduty_detector_feature" "s3" {
  detector_id = aws_guardduty_detector.this.id
  name        = "S3_DATA_EVENTS"
  status      = "ENABLED"
}`,
		CloudFormation: `Detector:
  Type: AWS::GuardDuty::Detector
  Properties:
    Enable: true
    Features:
      - Name: S3_DATA_EVENTS
        Status: ENABLED`,
	},
	References: []string{
		"https://docs.aws.amazon.com/guardduty/latest/ug/s3-protection.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/guardduty-controls.html#guardduty-10",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkSecurityHub, ID: "GuardDuty.10"},
		{Framework: rules.FrameworkConfig, ID: "guardduty-s3-protection-enabled"},
		{Framework: rules.FrameworkNIST, ID: "DE.CM-09"},
		{Framework: rules.FrameworkISO, ID: "A.8.16"},
	},
	Tags:      []string{"guardduty", "s3", "detection"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, d := range p.AWS.GuardDuty.Detectors {
			if aws.IsTrue(d.Enabled) == graph.False {
				continue // aws-guardduty-disabled reports it
			}
			p.ReportIf(aws.IsTrue(d.S3Protection).Not(), d.S3Protection, "S3 protection of GuardDuty detector %s is disabled", d.Resource.Address)
		}
	},
}
