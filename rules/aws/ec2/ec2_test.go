package ec2

import (
	"testing"

	"github.com/blindspot-iac/blindspot/rules/ruletest"
)

func TestOpenIngress(t *testing.T) { ruletest.Run(t, OpenIngress) }
