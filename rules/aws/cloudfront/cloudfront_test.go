package cloudfront

import (
	"testing"

	"github.com/blindspot-iac/blindspot/rules/ruletest"
)

func TestHTTPAllowed(t *testing.T) { ruletest.Run(t, HTTPAllowed) }

func TestTLSOutdated(t *testing.T) { ruletest.Run(t, TLSOutdated) }

func TestNoWAF(t *testing.T) { ruletest.Run(t, NoWAF) }
