package org

import (
	"testing"

	"github.com/blindspot-iac/blindspot/rules/ruletest"
)

func TestManagementAccountWorkload(t *testing.T) { ruletest.Run(t, ManagementAccountWorkload) }
