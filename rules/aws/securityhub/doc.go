// Package securityhub holds blindspot's rules for AWS Security Hub.
package securityhub

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{NoStandards}
}
