// Package documentdb holds blindspot's rules for Amazon DocumentDB (with
// MongoDB compatibility).
package documentdb

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{Unencrypted, AWSManagedKey, AuditLogExportDisabled}
}
