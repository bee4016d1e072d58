package securityhub

import (
	"testing"

	"github.com/blindspot-iac/blindspot/rules/ruletest"
)

func TestNoStandards(t *testing.T) { ruletest.Run(t, NoStandards) }
