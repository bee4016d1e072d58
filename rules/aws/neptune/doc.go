// Package neptune holds blindspot's rules for Amazon Neptune.
package neptune

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{Unencrypted, AWSManagedKey, AuditLogExportDisabled}
}
