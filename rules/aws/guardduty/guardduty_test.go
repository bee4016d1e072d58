package guardduty

import (
	"testing"

	"github.com/blindspot-iac/blindspot/rules/ruletest"
)

func TestDisabled(t *testing.T) { ruletest.Run(t, Disabled) }

func TestS3ProtectionDisabled(t *testing.T) { ruletest.Run(t, S3ProtectionDisabled) }
