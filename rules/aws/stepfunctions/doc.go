// Package stepfunctions holds blindspot's rules for AWS Step Functions.
package stepfunctions

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{LoggingDisabled, TracingDisabled}
}
