// Package org holds blindspot's organisation-level rules: what the AWS
// multi-account guidance asks of an AWS Organizations setup.
package org

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{ManagementAccountWorkload}
}
