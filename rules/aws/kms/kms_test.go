package kms

import (
	"testing"

	"github.com/blindspot-iac/blindspot/rules/ruletest"
)

func TestRotationDisabled(t *testing.T) { ruletest.Run(t, RotationDisabled) }
func TestKeyPolicyPublic(t *testing.T)  { ruletest.Run(t, KeyPolicyPublic) }
