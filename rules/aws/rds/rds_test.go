package rds

import (
	"testing"

	"github.com/blindspot-iac/blindspot/rules/ruletest"
)

func TestUnencrypted(t *testing.T) { ruletest.Run(t, Unencrypted) }

func TestPublic(t *testing.T) { ruletest.Run(t, Public) }
