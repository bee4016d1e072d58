package lambda

import (
	"testing"

	"github.com/blindspot-iac/blindspot/rules/ruletest"
)

func TestPermissionPublic(t *testing.T) { ruletest.Run(t, PermissionPublic) }

func TestURLNoAuth(t *testing.T) { ruletest.Run(t, URLNoAuth) }
