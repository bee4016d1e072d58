// Package athena holds blindspot's rules for Amazon Athena.
package athena

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{ResultsUnencrypted, WorkgroupNotEnforced}
}
