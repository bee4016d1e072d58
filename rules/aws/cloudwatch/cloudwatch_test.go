package cloudwatch

import (
	"testing"

	"github.com/blindspot-iac/blindspot/rules/ruletest"
)

func TestRules(t *testing.T) { ruletest.RunAll(t, Rules()) }
