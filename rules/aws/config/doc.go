// Package config holds blindspot's rules for AWS Config.
package config

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{RecorderIncomplete, AggregatorNotAllRegions}
}
