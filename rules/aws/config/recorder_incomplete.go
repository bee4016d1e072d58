package config

import (
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// RecorderIncomplete flags: aWS Config recorder does not record all resource types.
var RecorderIncomplete = &rules.Rule{
	ID:          "aws-config-recorder-incomplete",
	Title:       "AWS Config recorder does not record all resource types",
	Severity:    rules.Medium,
	Description: "A configuration recorder limited to some resource types leaves the rest without configuration history or compliance evaluation, so changes to them (and Config rules about them) go unseen.",
	Remediation: rules.Remediation{
		Text: "Record all supported resource types.",
		Terraform: `resource "aws_config_configuration_recorder" "this" {
  name     = "default"
  role_arn = aws_iam_role.config.arn
  recording_group {
    all_supported = true
  }
}`,
		CloudFormation: `Recorder:
  Type: AWS::Config::ConfigurationRecorder
  Properties:
    RoleARN: !GetAtt ConfigRole.Arn
    RecordingGroup:
      AllSupported: true`,
	},
	References: []string{
		"https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/config-controls.html#config-1",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkCIS, ID: "3.3"},
		{Framework: rules.FrameworkSecurityHub, ID: "Config.1"},
		{Framework: rules.FrameworkNIST, ID: "ID.AM-08"},
		{Framework: rules.FrameworkISO, ID: "A.8.9"},
	},
	Tags:      []string{"config", "logging"},
	Precision: "high",
	Check: func(p *rules.Pass) {
		for _, r := range p.AWS.Config.Recorders {
			if f := p.ReportIf(aws.IsTrue(r.AllSupported).Not(), r.AllSupported, "AWS Config recorder %s does not record all supported resource types", r.Resource.Address); f != nil {
				rules.FixLiteral(f, r.AllSupported.At, r.AllSupported.Set, "Record all supported resource types", "true")
			}
		}
	},
}
