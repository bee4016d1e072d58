// Package cloudwatch holds blindspot's rules for Amazon CloudWatch and
// CloudWatch Logs: log group encryption, and the metric filters and alarms
// of the CIS AWS Foundations Benchmark's monitoring section.
package cloudwatch

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return append([]*rules.Rule{LogGroupNotKMSEncrypted}, monitoringRules...)
}
