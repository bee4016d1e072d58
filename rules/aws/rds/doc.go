// Package rds holds blindspot's rules for Amazon RDS.
package rds

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{Unencrypted, Public, DeletionProtectionDisabled, IAMAuthDisabled, BackupsDisabled, PerformanceInsightsDisabled, PerformanceInsightsAWSManagedKey}
}
