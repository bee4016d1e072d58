// Package vpc holds blindspot's rules for Amazon VPC.
package vpc

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{FlowLogsDisabled, DNSQueryLoggingDisabled, DefaultVPCUsed}
}
