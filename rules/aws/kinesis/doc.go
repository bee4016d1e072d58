// Package kinesis holds blindspot's rules for Amazon Kinesis Data
// Streams.
package kinesis

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{StreamUnencrypted}
}
