package iam

import (
	"testing"

	"github.com/blindspot-iac/blindspot/rules/ruletest"
)

func TestPolicyFullAdmin(t *testing.T)      { ruletest.Run(t, PolicyFullAdmin) }
func TestPolicyAttachedToUser(t *testing.T) { ruletest.Run(t, PolicyAttachedToUser) }
func TestUserAccessKey(t *testing.T)        { ruletest.Run(t, UserAccessKey) }
func TestPasswordPolicyWeak(t *testing.T)   { ruletest.Run(t, PasswordPolicyWeak) }
func TestRoleTrustPublic(t *testing.T)      { ruletest.Run(t, RoleTrustPublic) }
func TestPassRoleWildcard(t *testing.T)     { ruletest.Run(t, PassRoleWildcard) }
