// Package ecs holds blindspot's rules for Amazon ECS.
package ecs

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{ContainerInsightsDisabled, EFSTransitEncryptionDisabled, PlaintextSecret}
}
