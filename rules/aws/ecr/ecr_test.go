package ecr

import (
	"testing"

	"github.com/blindspot-iac/blindspot/rules/ruletest"
)

func TestScanOnPushDisabled(t *testing.T) { ruletest.Run(t, ScanOnPushDisabled) }

func TestTagsMutable(t *testing.T) { ruletest.Run(t, TagsMutable) }
