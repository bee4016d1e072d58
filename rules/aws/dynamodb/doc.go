// Package dynamodb holds blindspot's rules for Amazon DynamoDB.
package dynamodb

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{PITRDisabled, NoCustomerManagedKey, DAXUnencrypted}
}
