// Package sns holds blindspot's rules for Amazon SNS.
package sns

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{AWSManagedKey, Unencrypted}
}
