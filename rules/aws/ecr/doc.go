// Package ecr holds blindspot's rules for Amazon ECR.
package ecr

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{ScanOnPushDisabled, TagsMutable, NoCustomerKey, PolicyPublicPrincipal}
}
