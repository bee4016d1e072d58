package ec2

import (
	"testing"

	"github.com/blindspot-iac/blindspot/rules/ruletest"
)

func TestOpenIngress(t *testing.T) { ruletest.Run(t, OpenIngress) }

func TestEBSUnencrypted(t *testing.T) { ruletest.Run(t, EBSUnencrypted) }

func TestIMDSv1Allowed(t *testing.T) { ruletest.Run(t, IMDSv1Allowed) }

func TestDefaultSecurityGroupOpen(t *testing.T) { ruletest.Run(t, DefaultSecurityGroupOpen) }

func TestNACLOpenAdminPorts(t *testing.T) { ruletest.Run(t, NACLOpenAdminPorts) }
