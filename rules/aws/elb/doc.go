// Package elb holds blindspot's rules for Elastic Load Balancing.
package elb

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{TLSPolicyOutdated, HTTPNotRedirected, InvalidHeadersNotDropped, InternetFacing}
}
