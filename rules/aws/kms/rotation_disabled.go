package kms

import (
	"github.com/blindspot-iac/blindspot/graph"
	"github.com/blindspot-iac/blindspot/graph/aws"
	"github.com/blindspot-iac/blindspot/rules"
)

// RotationDisabled flags symmetric customer-managed keys without automatic
// rotation.
var RotationDisabled = &rules.Rule{
	ID:       "aws-kms-rotation-disabled",
	Title:    "KMS key rotation is not enabled",
	Severity: rules.Medium,
	Description: "A customer-managed symmetric encryption key without automatic rotation keeps the same key " +
		"material for its whole life, so more data depends on one secret and a leaked backing key stays useful. " +
		"Automatic rotation replaces the material yearly (or on the period you set) without re-encrypting data. " +
		"Asymmetric, HMAC and imported keys cannot rotate automatically and are not reported.",
	Remediation: rules.Remediation{
		Text: "Enable automatic key rotation.",
		Terraform: `resource "aws_kms_key" "this" {
  description         = "application data"
  enable_key_rotation = true
}`,
		CloudFormation: `Key:
  Type: AWS::KMS::Key
  Properties:
    EnableKeyRotation: true`,
	},
	References: []string{
		"https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html",
		"https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html#kms-4",
	},
	Compliance: []rules.Control{
		{Framework: rules.FrameworkCIS, ID: "3.6"},
		{Framework: rules.FrameworkSecurityHub, ID: "KMS.4"},
		{Framework: rules.FrameworkConfig, ID: "cmk-backing-key-rotation-enabled"},
		{Framework: rules.FrameworkNIST, ID: "PR.DS-01"},
		{Framework: rules.FrameworkISO, ID: "A.8.24"},
	},
	Tags:      []string{"kms", "encryption"},
	Precision: "very-high",
	Check: func(p *rules.Pass) {
		for _, k := range p.AWS.KMS.Keys {
			// The rotation setting is the subject; whether the key can rotate
			// at all gates it.
			subject := k.RotationEnabled
			cond := k.CanRotate().And(aws.IsTrue(k.RotationEnabled).Not())
			if k.CanRotate() == graph.Unknown {
				subject.Why = "the key spec, usage or origin of " + k.Resource.Address + " is not known"
			}
			if f := p.ReportIf(cond, subject, "automatic rotation of KMS key %s is not enabled", k.Resource.Address); f != nil {
				at := k.RotationEnabled.At
				if k.RotationEnabled.Set && at.Source.IsZero() && !at.Range.IsZero() {
					f.Fix = &rules.Fix{Description: "Enable key rotation", Edits: []rules.Edit{{Range: at.Range, Text: "true"}}}
				}
			}
		}
	},
}
