// Package guardduty holds blindspot's rules for Amazon GuardDuty.
package guardduty

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{Disabled, S3ProtectionDisabled}
}
