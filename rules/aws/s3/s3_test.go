package s3

import (
	"testing"

	"github.com/blindspot-iac/blindspot/rules/ruletest"
)

func TestVersioningDisabled(t *testing.T)       { ruletest.Run(t, VersioningDisabled) }
func TestPublicAccessNotBlocked(t *testing.T)   { ruletest.Run(t, PublicAccessNotBlocked) }
func TestEncryptionNotKMS(t *testing.T)         { ruletest.Run(t, EncryptionNotKMS) }
func TestInsecureTransportAllowed(t *testing.T) { ruletest.Run(t, InsecureTransportAllowed) }
func TestPolicyPublicPrincipal(t *testing.T)    { ruletest.Run(t, PolicyPublicPrincipal) }
func TestPolicySSEKMSNotEnforced(t *testing.T)  { ruletest.Run(t, PolicySSEKMSNotEnforced) }
