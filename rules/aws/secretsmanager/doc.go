// Package secretsmanager holds blindspot's rules for AWS Secrets
// Manager.
package secretsmanager

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{AWSManagedKey}
}
