// Package lambda holds blindspot's rules for AWS Lambda.
package lambda

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{PermissionPublic, URLNoAuth, TracingDisabled}
}
