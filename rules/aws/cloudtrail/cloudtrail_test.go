package cloudtrail

import (
	"testing"

	"github.com/blindspot-iac/blindspot/rules/ruletest"
)

func TestNotMultiRegion(t *testing.T) { ruletest.Run(t, NotMultiRegion) }

func TestLogValidationDisabled(t *testing.T) { ruletest.Run(t, LogValidationDisabled) }

func TestNotKMSEncrypted(t *testing.T) { ruletest.Run(t, NotKMSEncrypted) }
