// Package kms holds blindspot's rules for AWS KMS.
package kms

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{RotationDisabled, KeyPolicyPublic}
}
