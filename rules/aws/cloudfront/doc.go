// Package cloudfront holds blindspot's rules for Amazon CloudFront.
package cloudfront

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{HTTPAllowed, TLSOutdated, NoWAF, LoggingDisabled}
}
