// Package builtin lists every rule blindspot ships.
package builtin

import (
	"github.com/blindspot-iac/blindspot/rules"
	"github.com/blindspot-iac/blindspot/rules/aws/ec2"
	"github.com/blindspot-iac/blindspot/rules/aws/iam"
	"github.com/blindspot-iac/blindspot/rules/aws/kms"
	"github.com/blindspot-iac/blindspot/rules/aws/org"
	"github.com/blindspot-iac/blindspot/rules/aws/s3"
	"github.com/blindspot-iac/blindspot/rules/aws/secrets"
)

// Rules returns every built-in rule, in no particular order.
func Rules() []*rules.Rule {
	var all []*rules.Rule
	for _, pkg := range [][]*rules.Rule{
		ec2.Rules(),
		iam.Rules(),
		kms.Rules(),
		org.Rules(),
		s3.Rules(),
		secrets.Rules(),
	} {
		all = append(all, pkg...)
	}
	return all
}

// Registry returns the registry of every built-in rule. It panics only if
// the rules themselves are inconsistent, which a test rules out.
func Registry() *rules.Registry {
	reg, err := rules.NewRegistry(Rules()...)
	if err != nil {
		panic(err)
	}
	return reg
}
