package elb

import (
	"testing"

	"github.com/blindspot-iac/blindspot/rules/ruletest"
)

func TestTLSPolicyOutdated(t *testing.T) { ruletest.Run(t, TLSPolicyOutdated) }

func TestHTTPNotRedirected(t *testing.T) { ruletest.Run(t, HTTPNotRedirected) }
