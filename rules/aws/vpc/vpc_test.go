package vpc

import (
	"testing"

	"github.com/blindspot-iac/blindspot/rules/ruletest"
)

func TestFlowLogsDisabled(t *testing.T) { ruletest.Run(t, FlowLogsDisabled) }

func TestDNSQueryLoggingDisabled(t *testing.T) { ruletest.Run(t, DNSQueryLoggingDisabled) }
