// Package elasticache holds blindspot's rules for Amazon ElastiCache.
package elasticache

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{Unencrypted, TransitUnencrypted, BackupsDisabled, ClassicSecurityGroup}
}
