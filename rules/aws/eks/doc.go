// Package eks holds blindspot's rules for Amazon EKS.
package eks

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{EndpointPublic, AuditLoggingDisabled, SecretsNoCustomerKey}
}
