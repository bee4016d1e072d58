package dynamodb

import (
	"testing"

	"github.com/blindspot-iac/blindspot/rules/ruletest"
)

func TestPITRDisabled(t *testing.T) { ruletest.Run(t, PITRDisabled) }
