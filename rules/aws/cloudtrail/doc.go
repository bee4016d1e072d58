// Package cloudtrail holds blindspot's rules for AWS CloudTrail.
package cloudtrail

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{NotMultiRegion, LogValidationDisabled, NotKMSEncrypted, CloudWatchLogsDisabled, BucketAccessLoggingDisabled}
}
