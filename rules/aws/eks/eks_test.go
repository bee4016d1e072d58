package eks

import (
	"testing"

	"github.com/blindspot-iac/blindspot/rules/ruletest"
)

func TestEndpointPublic(t *testing.T) { ruletest.Run(t, EndpointPublic) }
