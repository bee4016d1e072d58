// Package iam holds blindspot's rules for AWS Identity and Access
// Management.
package iam

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{
		PolicyFullAdmin,
		PolicyAttachedToUser,
		UserAccessKey,
		PasswordPolicyWeak,
		PasswordPolicyNoComplexity,
		RoleTrustPublic,
		PassRoleWildcard,
		S3FullAccess,
		S3ReadWriteAllBuckets,
		GroupMFANotEnforced,
	}
}
