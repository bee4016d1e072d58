// Package msk holds blindspot's rules for Amazon MSK (Managed Streaming
// for Apache Kafka).
package msk

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{TransitUnencrypted, BrokerLoggingDisabled, AWSManagedKey}
}
