// Package s3 holds blindspot's rules for Amazon S3.
package s3

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{
		VersioningDisabled,
		PublicAccessNotBlocked,
		EncryptionNotKMS,
		InsecureTransportAllowed,
		PolicyPublicPrincipal,
		PolicySSEKMSNotEnforced,
		AccessPointPublicAccessNotBlocked,
		BucketNameHasDots,
		AccessLoggingDisabled,
		ACLPublic,
		MFADeleteDisabled,
		ObjectReadsNotLogged,
		ObjectWritesNotLogged,
	}
}
