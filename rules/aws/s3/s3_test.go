package s3

import (
	"testing"

	"github.com/blindspot-iac/blindspot/rules/ruletest"
)

func TestVersioningDisabled(t *testing.T) { ruletest.Run(t, VersioningDisabled) }
