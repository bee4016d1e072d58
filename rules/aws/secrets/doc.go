// Package secrets holds blindspot's rules for credentials written in
// infrastructure code.
package secrets

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{InCode}
}
