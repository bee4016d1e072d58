package sns

import (
	"testing"

	"github.com/blindspot-iac/blindspot/rules/ruletest"
)

func TestUnencrypted(t *testing.T) { ruletest.Run(t, Unencrypted) }
