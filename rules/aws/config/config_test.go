package config

import (
	"testing"

	"github.com/blindspot-iac/blindspot/rules/ruletest"
)

func TestRecorderIncomplete(t *testing.T) { ruletest.Run(t, RecorderIncomplete) }
