package secrets

import (
	"testing"

	"github.com/blindspot-iac/blindspot/rules/ruletest"
)

func TestInCode(t *testing.T) { ruletest.Run(t, InCode) }
