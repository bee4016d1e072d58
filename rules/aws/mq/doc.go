// Package mq holds blindspot's rules for Amazon MQ.
package mq

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{Public, AuditLoggingDisabled, GeneralLoggingDisabled}
}
