// Package workspaces holds blindspot's rules for Amazon WorkSpaces.
package workspaces

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{VolumeUnencrypted}
}
