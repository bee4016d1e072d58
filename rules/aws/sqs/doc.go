// Package sqs holds blindspot's rules for Amazon SQS.
package sqs

import "github.com/blindspot-iac/blindspot/rules"

// Rules returns the package's rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{AWSManagedKey, PolicyAllActions, PolicyPublicPrincipal, Unencrypted}
}
