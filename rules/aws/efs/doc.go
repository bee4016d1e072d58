// Package efs holds blindspot's rules for Amazon EFS.
package efs

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{Unencrypted}
}
